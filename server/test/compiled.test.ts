import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { addCard } from '@plenum/shared/board-doc';
import { connect, createSession, firstBoard, roundTrip, tempDir, tokenOf } from './helpers.ts';
import { unzip } from './protocol-files.ts';
import { spawnServer } from './server-process.ts';

// Production runs the compiled JavaScript (issue 13): `npm start` builds the
// server with tsc into server/dist and shared/dist and starts it with plain
// `node`; tsx is a development tool. This test starts the process exactly as
// the `start` and `backup` scripts of package.json do, on the build `npm test`
// (`npm run build`) made, with a preload that logs every module the process
// and its worker threads resolve.

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const preload = path.join(import.meta.dirname, 'module-log/preload.mjs');

/** The node arguments of a package.json script whose last command is `node …`. */
function nodeArgsOf(script: string): string[] {
  const scripts = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [command, ...args] = scripts[script]!.split('&&').at(-1)!.trim().split(/\s+/);
  expect(command, `npm run ${script} ends with plain node`).toBe('node');
  return args;
}

/** The same arguments with the module-logging preload before the entry file. */
function withModuleLog(args: string[]): string[] {
  return [...args.slice(0, -1), '--import', preload, ...args.slice(-1)];
}

/** Fails with a clear message when a source file has no compiled file at least as new as itself. */
function expectFreshBuild(): void {
  const stale: string[] = [];
  for (const workspace of ['shared', 'server']) {
    const src = path.join(repoRoot, workspace, 'src');
    for (const file of fs.readdirSync(src, { recursive: true, encoding: 'utf8' })) {
      // Declaration files (fontkit.d.ts) describe others' code and compile to nothing.
      if (!file.endsWith('.ts') || file.endsWith('.d.ts')) continue;
      const built = path.join(repoRoot, workspace, 'dist', file.replace(/\.ts$/, '.js'));
      if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < fs.statSync(path.join(src, file)).mtimeMs) stale.push(`${workspace}/src/${file}`);
    }
  }
  expect(stale, 'not built (or changed since): run `npm run build` first (npm test does)').toEqual([]);
}

describe('the compiled server (npm start)', () => {
  it('runs without tsx or any .ts module, renders a DOCX in its worker thread, backs up, and exits 0 on SIGTERM', async () => {
    expectFreshBuild();
    const dataDir = tempDir();
    const log = path.join(tempDir(), 'modules.log');
    const env = { PLENUM_MODULE_LOG: log };
    const server = await spawnServer(dataDir, 0, env, withModuleLog(nodeArgsOf('start')));

    const session = await createSession(server.url);
    const participant = tokenOf(session.links.participant);
    const board = await firstBoard(server.url, session.id, participant);
    const writer = connect(server.url, board.room, participant);
    await writer.synced;
    addCard(writer.doc, { columnId: board.columnId, text: 'Kompiliert gerendert' });
    await roundTrip(writer);

    const res = await fetch(`${server.url}/api/sessions/${session.id}/export?format=docx`, {
      headers: { authorization: `Bearer ${tokenOf(session.links.moderator)}` },
    });
    expect(res.status).toBe(200);
    const document = unzip(Buffer.from(await res.arrayBuffer())).get('word/document.xml')?.toString('utf8');
    expect(document).toContain('Kompiliert gerendert');

    const file = path.join(tempDir(), 'backup.sqlite');
    const backup = await run(process.execPath, [...withModuleLog(nodeArgsOf('backup')), file], {
      cwd: repoRoot,
      env: { ...process.env, ...env, DATA_DIR: dataDir },
    });
    expect(backup.stdout).toContain('1 workshops, integrity ok');

    writer.destroy();
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });

    const modules = fs.readFileSync(log, 'utf8').trim().split('\n');
    // The log saw the server, the rendering thread and the backup, all compiled …
    for (const entry of ['server/dist/main.js', 'server/dist/protocol/render-job.js', 'server/dist/commit-job.js', 'server/dist/checkpoint-job.js', 'shared/dist/board-doc.js', 'server/dist/backup-cli.js']) {
      expect(modules).toContain(new URL(entry, `file://${repoRoot}/`).href);
    }
    // … and nothing of tsx and no TypeScript.
    expect(modules.filter((url) => /\/tsx\/|\.[cm]?tsx?$/.test(url))).toEqual([]);
  });
});
