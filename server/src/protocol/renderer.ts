import type { Worker } from 'node:worker_threads';
import type { ProtocolTree } from '@plenum/shared/protocol-draft/tree';
import { startThread } from '../thread.ts';
import type { RenderJob, RenderResult } from './render-job.ts';

// DOCX and PDF are laid out synchronously by their libraries: a 2,000-card
// session takes seconds (docs/benchmarks.md), and on the server's event loop
// every room and request would wait that long. So they are rendered in one
// worker thread per server, started on the first export and kept; jobs queue
// there, one at a time, and use at most one more core. The tree is plain data
// and crosses to the thread as a structured clone.

interface Pending {
  resolve(body: Buffer): void;
  reject(error: Error): void;
}

export class Renderer {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  render(format: RenderJob['format'], tree: ProtocolTree): Promise<Buffer> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, format, tree } satisfies RenderJob);
    });
  }

  private start(): Worker {
    const worker = startThread(new URL('./render-job.ts', import.meta.url));
    // An idle renderer does not keep the process alive; a running job's request does.
    worker.unref();
    worker.on('message', (result: RenderResult) => {
      const job = this.pending.get(result.id);
      this.pending.delete(result.id);
      if (!job) return;
      if ('error' in result) job.reject(new Error(`rendering failed: ${result.error}`));
      else job.resolve(Buffer.from(result.body.buffer, result.body.byteOffset, result.body.byteLength));
    });
    // A thread that dies fails its jobs; the next export starts a new one.
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the rendering thread exited with code ${code}`)));
    return worker;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
