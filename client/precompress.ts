import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

// A brotli and a gzip copy beside every script, style and page of the built
// client, which the server sends to browsers that take them
// (server/src/static-files.ts): made once here at the highest levels, so the
// server compresses nothing while a whole workshop opens the page at once.

const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;

/** Writes `<file>.br` and `<file>.gz` beside each compressible file under `dir`. */
export function precompressDir(dir: string): void {
  for (const name of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!COMPRESSIBLE.test(name)) continue;
    const file = path.join(dir, name);
    const plain = fs.readFileSync(file);
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(plain, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY } }));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(plain, { level: zlib.constants.Z_BEST_COMPRESSION }));
  }
}

/** The build's last step: compresses what it wrote (also the files copied from client/public). */
export function precompress(): Plugin {
  return {
    name: 'plenum-precompress',
    apply: 'build',
    writeBundle(options) {
      if (options.dir) precompressDir(options.dir);
    },
  };
}
