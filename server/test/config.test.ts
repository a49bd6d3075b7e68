import { describe, expect, it } from 'vitest';
import { createSession, rawSocket, tempDir, tokenOf, wsUrl } from './helpers.ts';
import { spawnServer } from './server-process.ts';

// The environment variables of main.ts (README, "Configuration"): a bad value
// stops the start with a message, a good one reaches the server.

describe('configuration from the environment', () => {
  it.each([
    ['RETENTION_DAYS', 'dreißig'],
    ['RETENTION_DAYS', '1.5'],
    ['ALLOWED_ORIGINS', 'https://intranet.example/pfad'],
    ['PORT', '70000'],
    ['TRUST_PROXY', '-1'],
    ['CREATE_BURST', '0'],
    ['CONNECT_PER_SECOND', 'schnell'],
    ['LOG_LEVEL', 'laut'],
    ['SQLITE_SYNCHRONOUS', 'immer'],
  ])('%s=%s is refused at start with exit code 2 and names the variable', async (name, value) => {
    const start = spawnServer(tempDir(), 0, { [name]: value });
    await expect(start).rejects.toThrow(new RegExp(`exited \\(2\\)[^]*${name}`));
  });

  it('ALLOWED_ORIGINS reaches the websocket origin check', async () => {
    const server = await spawnServer(tempDir(), 0, { ALLOWED_ORIGINS: 'https://intranet.example, https://zweite.example:8443' });
    const session = await createSession(server.url);
    const url = `${wsUrl(server.url)}/${session.id}?token=${tokenOf(session.links.viewer)}`;
    expect('ws' in (await rawSocket(url, { origin: 'https://zweite.example:8443' }))).toBe(true);
    expect(await rawSocket(url, { origin: 'https://dritte.example' })).toEqual({ status: 403 });
  });
});
