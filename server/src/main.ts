import path from 'node:path';
import type { AdmissionLimits } from './admission.ts';
import { createLogger, LOG_LEVELS, type LogLevel } from './logger.ts';
import { loadOperatorPages, type OperatorPageSources } from './operator-pages.ts';
import { parseOriginList } from './origin.ts';
import { createPlenumServer } from './server.ts';

// `npm start`: one process, one port, SQLite in DATA_DIR. SIGTERM and SIGINT
// commit everything and exit cleanly.

/** A number from the environment, or undefined when unset; exits with a clear message when invalid. */
function numberFrom(name: string, valid: (n: number) => boolean, what: string): number | undefined {
  const text = process.env[name]?.trim();
  if (!text) return undefined;
  const value = Number(text);
  if (!valid(value)) {
    console.error(`plenum: ${name} must be ${what}, got ${text}`);
    process.exit(2);
  }
  return value;
}
const port = numberFrom('PORT', (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'a port number') ?? 8080;
const retentionDays = numberFrom('RETENTION_DAYS', (n) => Number.isInteger(n) && n > 0, 'a whole number of days (1 or more)');
const positive = (n: number) => Number.isFinite(n) && n > 0;
const whole = (n: number) => Number.isInteger(n) && n > 0;
const trustProxy = numberFrom('TRUST_PROXY', (n) => Number.isInteger(n) && n >= 0, 'the number of proxies in front (0, 1, 2 …)');
const admission: Partial<AdmissionLimits> = {};
const limitVariables: [string, keyof AdmissionLimits, (n: number) => boolean, string][] = [
  ['CREATE_BURST', 'createBurst', whole, 'a whole number above 0'],
  ['CREATE_PER_HOUR', 'createPerHour', positive, 'a number above 0'],
  ['CONNECT_BURST', 'connectBurst', whole, 'a whole number above 0'],
  ['CONNECT_PER_SECOND', 'connectPerSecond', positive, 'a number above 0'],
  ['MAX_SESSIONS', 'maxSessions', whole, 'a whole number above 0'],
  ['MAX_CONNECTIONS_PER_SESSION', 'maxConnectionsPerSession', whole, 'a whole number above 0'],
];
for (const [name, key, valid, what] of limitVariables) {
  const value = numberFrom(name, valid, what);
  if (value !== undefined) admission[key] = value;
}
const levelText = process.env.LOG_LEVEL?.trim() || (process.env.LOG_REQUESTS === '1' ? 'debug' : 'info');
if (!(LOG_LEVELS as readonly string[]).includes(levelText)) {
  console.error(`plenum: LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${levelText}`);
  process.exit(2);
}
// Requests are logged at 'debug' (LOG_REQUESTS=1 is the older name for it).
const logger = createLogger(levelText as LogLevel);
const synchronousText = process.env.SQLITE_SYNCHRONOUS?.trim().toLowerCase() || 'normal';
if (synchronousText !== 'normal' && synchronousText !== 'full') {
  console.error(`plenum: SQLITE_SYNCHRONOUS must be normal or full, got ${process.env.SQLITE_SYNCHRONOUS}`);
  process.exit(2);
}
let allowedOrigins: string[];
try {
  allowedOrigins = parseOriginList(process.env.ALLOWED_ORIGINS);
} catch (error) {
  console.error(`plenum: ALLOWED_ORIGINS: ${(error as Error).message}`);
  process.exit(2);
}
let operatorPages: OperatorPageSources;
try {
  const pagesDir = process.env.OPERATOR_PAGES_DIR?.trim();
  operatorPages = loadOperatorPages(pagesDir ? path.resolve(pagesDir) : undefined);
} catch (error) {
  console.error(`plenum: OPERATOR_PAGES_DIR: ${(error as Error).message}`);
  process.exit(2);
}
// Public bodies must publish these pages: say at every start which are still Plenum's unfilled defaults.
if (operatorPages.missing().length > 0) {
  logger.warn({ pages: operatorPages.missing() }, 'operator pages not filled in (OPERATOR_PAGES_DIR, docs/deploy.md)');
}
const server = createPlenumServer({
  port,
  host: process.env.HOST ?? '0.0.0.0',
  dataDir: path.resolve(process.env.DATA_DIR ?? './data'),
  publicUrl: process.env.PUBLIC_URL || undefined,
  allowedOrigins,
  retentionDays,
  createSecret: process.env.CREATE_SECRET || undefined,
  trustProxy,
  admission,
  logger,
  synchronous: synchronousText,
  operatorPages,
  warmUpRenderer: true,
});

await server.listen();
// What the commit thread's connection really uses, not what was asked for.
const synchronous = await server.rooms.commits.ready();
const shown = process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : 'localhost';
logger.info({ port: server.port, synchronous }, `listening on http://${shown}:${server.port}`);

/** How long a clean shutdown may take (docs/deploy.md): systemd's default stop timeout is 90 s. */
const SHUTDOWN_LIMIT_MS = 10_000;
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Closing commits and compacts every room; should a disk hang, do not
    // hang with it. What is committed is in the log already and is replayed
    // at the next start.
    setTimeout(() => {
      logger.error({ limitMs: SHUTDOWN_LIMIT_MS }, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
