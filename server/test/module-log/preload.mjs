// `node --import ./preload.mjs …`: writes the URL of every module the process
// resolves, one a line, to $PLENUM_MODULE_LOG (compiled.test.ts reads it to
// show that the compiled server loads neither tsx nor a TypeScript file).
// Preloads run again in each worker thread, which inherits the flag, so the
// rendering thread's modules are logged too.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
