// The entry of the rendering thread (renderer.ts). A worker thread does not
// inherit the main thread's `--import tsx` loader, so it registers tsx itself
// before loading the TypeScript that does the work.
import { register } from 'tsx/esm/api';

register();
await import('./render-job.ts');
