import pino from 'pino';

// The server's log: JSON lines (pino) with a level, a time and, for requests,
// a request id. Passed into the server, its rooms and its storage (as tldraw's
// sync room takes one), so tests and operators choose where lines go.
//
// What is never logged: tokens (they travel in fragments, headers and query
// strings, and only paths are logged), card or note text, names, client
// addresses. Errors are logged with their message and stack; Plenum's own
// errors name documents by kind, never by content.

export type Logger = pino.Logger;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A logger writing JSON lines to `destination` (standard output by default). */
export function createLogger(level: LogLevel = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined, // no pid or hostname in every line
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.err },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

let fallback: Logger | null = null;

/** For parts made without a logger (tests of one module): warnings and errors to standard error. */
export function fallbackLogger(): Logger {
  fallback ??= createLogger('warn', pino.destination({ dest: 2, sync: true }));
  return fallback;
}
