import path from 'node:path';
import { parseOriginList } from './origin.ts';
import { createPlenumServer } from './server.ts';

// `npm start`: one process, one port, SQLite in DATA_DIR. SIGTERM and SIGINT
// commit everything and exit cleanly.

const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`plenum: PORT must be a port number, got ${process.env.PORT}`);
  process.exit(2);
}
const retention = process.env.RETENTION_DAYS?.trim();
const retentionDays = retention ? Number(retention) : undefined;
if (retentionDays !== undefined && !(Number.isInteger(retentionDays) && retentionDays > 0)) {
  console.error(`plenum: RETENTION_DAYS must be a whole number of days (1 or more), got ${process.env.RETENTION_DAYS}`);
  process.exit(2);
}
let allowedOrigins: string[];
try {
  allowedOrigins = parseOriginList(process.env.ALLOWED_ORIGINS);
} catch (error) {
  console.error(`plenum: ALLOWED_ORIGINS: ${(error as Error).message}`);
  process.exit(2);
}
const server = createPlenumServer({
  port,
  host: process.env.HOST ?? '0.0.0.0',
  dataDir: path.resolve(process.env.DATA_DIR ?? './data'),
  publicUrl: process.env.PUBLIC_URL || undefined,
  allowedOrigins,
  retentionDays,
  log: process.env.LOG_REQUESTS === '1' ? (line) => console.log(line) : undefined,
});

await server.listen();
const shown = process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : 'localhost';
console.log(`plenum: listening on http://${shown}:${server.port} (port ${server.port})`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('plenum: shutdown failed', error);
        process.exit(1);
      },
    );
  });
}
