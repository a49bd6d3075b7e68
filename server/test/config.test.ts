import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { api, createSession, rawSocket, tempDir, tokenOf, wsUrl } from './helpers.ts';
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
    ['OPERATOR_PAGES_DIR', '/nicht/vorhanden'],
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

  it('OPERATOR_PAGES_DIR: its files are served; a placeholder left in one stops the start naming the file and line', async () => {
    const pages = tempDir();
    fs.writeFileSync(path.join(pages, 'imprint.de.md'), '## Anbieter\n\nStadt Musterstadt, Rathausplatz 1\n');
    const server = await spawnServer(tempDir(), 0, { OPERATOR_PAGES_DIR: pages });
    const imprint = await api(server.url, 'GET', '/api/pages/imprint');
    expect(imprint.body).toMatchObject({ configured: true, lang: 'de' });
    expect(imprint.text).toContain('Stadt Musterstadt, Rathausplatz 1');
    // The pages still Plenum's unfilled defaults are named in the log at every start.
    expect(server.output()).toMatch(/"pages":\["privacy","accessibility"\].*operator pages not filled in/);

    fs.writeFileSync(path.join(pages, 'privacy.de.md'), '## Verantwortlich\n\n[[Name der Stelle]]\n');
    await expect(spawnServer(tempDir(), 0, { OPERATOR_PAGES_DIR: pages })).rejects.toThrow(
      /exited \(2\)[^]*OPERATOR_PAGES_DIR: .*privacy\.de\.md line 3 still has the placeholder \[\[Name der Stelle\]\]/,
    );
  });
});
