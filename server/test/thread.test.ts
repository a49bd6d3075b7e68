import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { startThread } from '../src/thread.ts';

// startThread (server/src/thread.ts) from the TypeScript sources, as in
// development and these tests; compiled.test.ts covers the compiled server.

describe('startThread', () => {
  it('starts a TypeScript module that imports the shared model, with the options given', async () => {
    const worker = startThread(new URL('./fixtures/echo-thread.ts', import.meta.url), { workerData: { room: 'r1' } });
    const [answer] = await once(worker, 'message');
    expect(answer).toEqual({ workerData: { room: 'r1' }, sharedLoaded: true });
    await worker.terminate();
  });

  it('refuses an entry that is not a .ts module file', () => {
    expect(() => startThread(new URL('./fixtures/echo-thread.js', import.meta.url))).toThrow(TypeError);
    expect(() => startThread(new URL('data:text/javascript,1'))).toThrow(TypeError);
  });
});
