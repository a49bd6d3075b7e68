// Child process of the big-board bench (run with --expose-gc): how much
// memory loaded 2,000-card boards keep. Opens the given board rooms of a
// copied data directory in an in-process server, the same load path a first
// connection takes, and compares memory after garbage collection before and
// after. Prints `{"port":0}` (spawnListening waits for it), then one JSON line.

import { UNLIMITED } from '../src/admission.ts';
import { createPlenumServer } from '../src/server.ts';
import { parseRoom, sessionRoom } from '@plenum/shared/protocol';

const [dataDir, roomsJson] = process.argv.slice(2);
const rooms = JSON.parse(roomsJson!) as string[];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('board-memory.ts needs node --expose-gc');

function retained(): { heap: number; rss: number } {
  for (let i = 0; i < 3; i++) gc!();
  const m = process.memoryUsage();
  // arrayBuffers is part of external already (Node's documentation of memoryUsage).
  return { heap: m.heapUsed + m.external, rss: m.rss };
}

console.log(JSON.stringify({ port: 0 }));
const server = createPlenumServer({ dataDir: dataDir!, port: 0, admission: UNLIMITED });
// The session room first: every board holds it loaded; it is not the board's cost.
const first = parseRoom(rooms[0]!);
if (!first || first.kind === 'session') throw new Error(`not a board room: ${rooms[0]}`);
server.rooms.open(sessionRoom(first.sessionId)).acquire();
const before = retained();
for (const name of rooms) server.rooms.open(name).acquire();
const after = retained();
const mib = (bytes: number) => bytes / rooms.length / 2 ** 20;
console.log(JSON.stringify({ memory: { boards: rooms.length, heapPerBoardMiB: mib(after.heap - before.heap), rssPerBoardMiB: mib(after.rss - before.rss) } }));
process.exit(0);
