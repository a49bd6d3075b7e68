import { parentPort } from 'node:worker_threads';
import type { ProtocolTree } from '@plenum/shared/protocol-draft/tree';
import { toDocx } from './docx.ts';
import { toPdf } from './pdf.ts';

// Runs in the rendering thread (renderer.ts): one job per message, answered
// with the file's bytes or the error's message.

export interface RenderJob {
  id: number;
  format: 'docx' | 'pdf';
  tree: ProtocolTree;
}

export type RenderResult = { id: number; body: Uint8Array } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('render-job.ts runs in a worker thread');

port.on('message', (job: RenderJob) => {
  const render = job.format === 'pdf' ? toPdf : toDocx;
  // A writer that throws before its promise exists fails this job, not the thread.
  Promise.resolve(job.tree).then(render).then(
    (body) => port.postMessage({ id: job.id, body: new Uint8Array(body) } satisfies RenderResult),
    (error: unknown) => port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) } satisfies RenderResult),
  );
});
