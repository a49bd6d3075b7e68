import type { Worker } from 'node:worker_threads';
import type { ProtocolTree } from '@plenum/shared/protocol-draft/tree';
import { startThread } from '../thread.ts';
import type { RenderJob, RenderResult } from './render-job.ts';

// DOCX and PDF are laid out synchronously by their libraries: a 2,000-card
// session takes hundreds of milliseconds to seconds (docs/benchmarks.md), and
// on the server's event loop every room and request would wait that long. So
// they are rendered in one worker thread per server, started on the first
// export (or by `warmUp`); jobs queue there, one at a time, and use at most
// one more core. The tree is plain data and crosses to the thread as a
// structured clone. Exports come at the end of a workshop, hours apart, and
// an idle thread with its libraries, fonts and compiled code holds about
// 40 MiB of the server's memory: so it ends after a minute without a job,
// and the next export starts it again (docs/deploy.md).

/**
 * What the server logs when a render nobody waits for has ended (server.ts):
 * the start's sample, or a prepare's draft. The bench waits for these lines
 * in a server's output (bench/servers.ts, bench/big-board.ts).
 */
export const BACKGROUND_RENDER_LOG = {
  sample: { done: 'rendering thread ready', failed: 'rendering thread: warm-up failed' },
  draft: { done: 'rendering thread ready: a draft rendered ahead', failed: 'rendering thread: rendering a draft ahead failed' },
} as const;

export type BackgroundRenderLines = (typeof BACKGROUND_RENDER_LOG)[keyof typeof BACKGROUND_RENDER_LOG];

/** What a warm-up rendered (the sample, or a draft), one file per format. */
export interface WarmUpFiles {
  docx: Buffer;
  pdf: Buffer;
}

interface Pending {
  /** The thread the job was posted to: only its end fails the job. */
  worker: Worker;
  resolve(result: RenderResult): void;
  reject(error: Error): void;
}

const toBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The rendering thread's young generation (V8's space for new objects; three times its semi-space). */
const YOUNG_GENERATION_MIB = 192;

/** How long the thread is kept without a job. */
const IDLE_MS = 60_000;

export interface RendererOptions {
  /** Ends the thread once it has had no job for this long (ms); the next job starts it again. */
  idleMs?: number;
}

export class Renderer {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly idleMs: number;
  private idleTimer: NodeJS.Timeout | null = null;
  /** The drafts (prepare's keys) the running thread has been given to render ahead; a new thread has none. */
  private readonly prepared = new Set<string>();

  constructor(options: RendererOptions = {}) {
    this.idleMs = options.idleMs ?? IDLE_MS;
  }

  /** Whether the thread is up (started and not yet ended). */
  get running(): boolean {
    return this.worker !== null;
  }

  async render(format: 'docx' | 'pdf', tree: ProtocolTree): Promise<Buffer> {
    const result = await this.post((id) => ({ id, format, tree }));
    if (!('body' in result)) throw new Error('the rendering thread answered a render with no file');
    return toBuffer(result.body);
  }

  /**
   * Starts the thread now and has it render a small sample in each format
   * (warm-up.ts), so an export within idleMs does not wait for the thread to
   * start, load its libraries and fonts and compile its layout code. The
   * server calls it at start (PlenumServerOptions.warmUpRenderer). Given a
   * tree, renders that instead (prepare). Resolves with the files.
   */
  async warmUp(tree?: ProtocolTree): Promise<WarmUpFiles> {
    const result = await this.post((id) => ({ id, warmUp: true, tree }));
    if (!('warmUp' in result)) throw new Error('the rendering thread answered a warm-up with no files');
    return { docx: toBuffer(result.warmUp.docx), pdf: toBuffer(result.warmUp.pdf) };
  }

  /**
   * Gets an export of a session's draft ready (POST …/export/prepare): keeps
   * the thread up (starting it if need be), and unless this thread has
   * rendered the draft named `key` ahead already, has it render `tree()` in
   * each format now. The sample of `warmUp` gets the libraries loaded and the
   * code compiled, but a session's own words and its length are what a first
   * 2,000-card PDF spent most of its time on: fontkit shaping each word the
   * thread has not shaped before, and V8 compiling the layout code further
   * while it ran (docs/benchmarks.md, "The first export after the protocol
   * view opened"). Resolves with the files, or with null when the thread had
   * the draft already; an export that comes meanwhile queues behind it.
   */
  async prepare(key: string, tree: () => ProtocolTree): Promise<WarmUpFiles | null> {
    if (this.keepAlive() && this.prepared.has(key)) return null;
    const files = this.warmUp(tree());
    // Posted first: a thread started by it starts with an empty list.
    this.prepared.add(key);
    return files;
  }

  /**
   * Gives a running thread another idleMs before it ends: a moderator who has
   * the protocol view open is about to export (docs/api.md, "Getting the
   * export ready"). A thread busy with a job is kept by its jobs. Returns
   * whether a thread is up; if not, the caller may warm one up.
   */
  keepAlive(): boolean {
    const worker = this.worker;
    if (!worker) return false;
    if (this.pending.size === 0) this.endWhenIdle(worker);
    return true;
  }

  private post(job: (id: number) => RenderJob): Promise<RenderResult> {
    this.stopIdleTimer();
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise<RenderResult>((resolve, reject) => {
      this.pending.set(id, { worker, resolve, reject });
      worker.postMessage(job(id));
    });
  }

  private start(): Worker {
    this.prepared.clear();
    // A large young generation: pdfkit makes short-lived objects for every
    // word, line and content operator, and with V8's default (semi-spaces of 16 MiB) a fifth
    // of a 2,000-card PDF's time went to scavenges moving them. With 192 MiB
    // it renders in about three quarters of the CPU time, for some 35 MiB more
    // peak memory while it does (docs/benchmarks.md); V8 grows the space only
    // as far as a job needs it.
    const worker = startThread(new URL('./render-job.ts', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MIB } });
    // An idle renderer does not keep the process alive; a running job's request does.
    worker.unref();
    worker.on('message', (result: RenderResult) => {
      const job = this.pending.get(result.id);
      this.pending.delete(result.id);
      if (this.pending.size === 0 && this.worker === worker) this.endWhenIdle(worker);
      if (!job) return;
      if ('error' in result) job.reject(new Error(`rendering failed: ${result.error}`));
      else job.resolve(result);
    });
    // A thread that dies fails its jobs (not those of a thread started after it); the next export starts a new one.
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const [id, job] of this.pending) {
        if (job.worker !== worker) continue;
        this.pending.delete(id);
        job.reject(error);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the rendering thread exited with code ${code}`)));
    return worker;
  }

  /** Ends `worker` after idleMs unless a job comes first (post stops the timer). */
  private endWhenIdle(worker: Worker): void {
    this.stopIdleTimer();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.worker !== worker || this.pending.size > 0) return;
      // Forgotten first: the next job starts a new thread (its exit fails only its own jobs, and it has none).
      this.worker = null;
      void worker.terminate();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  async close(): Promise<void> {
    this.stopIdleTimer();
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
