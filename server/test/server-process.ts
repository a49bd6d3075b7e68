import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './helpers.ts';

// The real server process (main.ts) as `npm run serve` starts it, for tests
// that must see it survive, crash or exit: an in-process server cannot show
// that the process stays up. `nodeArgs` replaces how node starts it (the
// compiled server in compiled.test.ts).

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `npm run serve`: the TypeScript sources through tsx. */
export const FROM_SOURCES = ['--import', 'tsx', 'server/src/main.ts'];

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

export async function spawnServer(
  dataDir: string,
  port = 0,
  env: Record<string, string> = {},
  nodeArgs: string[] = FROM_SOURCES,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_REQUESTS: '', PUBLIC_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  const listening = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"port":(\d+)/.exec(output); // the JSON line that says it is listening
      if (match) resolve(Number(match[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(({ code, signal }) => reject(new Error(`server exited (${code ?? signal}) before listening:\n${output}`)));
  });
  return { child, url: `http://127.0.0.1:${listening}`, exited, output: () => output };
}
