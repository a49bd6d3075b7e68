// Module resolution hooks for preload.mjs: resolve as usual, then log the URL.
import fs from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  fs.appendFileSync(process.env.PLENUM_MODULE_LOG, `${result.url}\n`);
  return result;
}
