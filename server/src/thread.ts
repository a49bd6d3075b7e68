import { Worker, type WorkerOptions } from 'node:worker_threads';

// The server runs from two forms of the same code: compiled to dist/ by
// `npm run build` and run by plain `node` (`npm start`, production), or from
// its TypeScript sources through tsx or vitest (development, tests). A worker
// thread does not inherit the main thread's TypeScript loader, so a thread's
// entry must be started in the form the server itself runs in. This is the
// one place that knows both.

/** True when this module is the compiled JavaScript in dist/. */
const compiled = import.meta.url.endsWith('.js');

/**
 * Starts a worker thread on a module of the server, named by its TypeScript
 * source: `startThread(new URL('./render-job.ts', import.meta.url))`.
 *
 * Compiled, the thread runs the compiled sibling (`render-job.js`) directly,
 * so production never loads tsx. From the sources, the thread first registers
 * tsx (a development dependency) and then imports the `.ts` module. `options`
 * are those of `new Worker` (workerData, resourceLimits, …); the thread's
 * `--conditions` come from the parent's execArgv as usual.
 */
export function startThread(entry: URL, options: WorkerOptions = {}): Worker {
  if (entry.protocol !== 'file:' || !entry.pathname.endsWith('.ts')) {
    throw new TypeError(`startThread: ${entry.href} is not a .ts module file`);
  }
  if (compiled) {
    const js = new URL(entry.href);
    js.pathname = js.pathname.replace(/\.ts$/, '.js');
    return new Worker(js, options);
  }
  // Both specifiers absolute: code run with `eval` has no file to resolve from.
  const tsx = import.meta.resolve('tsx/esm/api');
  const source =
    `import(${JSON.stringify(tsx)})` +
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(source, { ...options, eval: true });
}
