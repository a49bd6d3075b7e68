// The entry of the commit thread (commit-queue.ts). A worker thread does not
// inherit the main thread's `--import tsx` loader, so it registers tsx itself
// before loading the TypeScript that does the work.
import { register } from 'tsx/esm/api';

register();
await import('./commit-job.ts');
