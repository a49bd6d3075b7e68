import { parentPort } from 'node:worker_threads';
import type { ProtocolTree } from '@plenum/shared/protocol-draft/tree';
import { toDocx } from './docx.ts';
import { toPdf } from './pdf.ts';
import { WARM_UP_TREE } from './warm-up.ts';

// Runs in the rendering thread (renderer.ts): one job per message, answered
// with the file's bytes or the error's message. A warm-up job renders its
// tree (a session's draft) or else WARM_UP_TREE in both formats and answers
// with both files.

export type RenderJob = { id: number; format: 'docx' | 'pdf'; tree: ProtocolTree } | { id: number; warmUp: true; tree?: ProtocolTree };

export type RenderResult =
  | { id: number; body: Uint8Array }
  | { id: number; warmUp: { docx: Uint8Array; pdf: Uint8Array } }
  | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('render-job.ts runs in a worker thread');

async function run(job: RenderJob): Promise<RenderResult> {
  if ('warmUp' in job) {
    const tree = job.tree ?? WARM_UP_TREE;
    const docx = await toDocx(tree);
    const pdf = await toPdf(tree);
    return { id: job.id, warmUp: { docx: new Uint8Array(docx), pdf: new Uint8Array(pdf) } };
  }
  const render = job.format === 'pdf' ? toPdf : toDocx;
  return { id: job.id, body: new Uint8Array(await render(job.tree)) };
}

port.on('message', (job: RenderJob) => {
  // A writer that throws before its promise exists fails this job, not the thread.
  Promise.resolve(job).then(run).then(
    (result) => port.postMessage(result),
    (error: unknown) => port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) } satisfies RenderResult),
  );
});
