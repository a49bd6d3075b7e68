import { execFileSync } from 'node:child_process';

// Holding a process, all its threads, to some of the machine's cores with
// util-linux's `taskset`. On the bench's two cores the client that times a
// cold load applies the board while the server loads the same board on the
// same cores; in a workshop the browser runs on another machine. Holding the
// server to one core and the bench to the other measures the load that way
// too (big-board.ts), on the same machine.

/** The cores a process may run on, as taskset lists them ("0,1", "0-3"). */
export function coresOf(pid: number): string {
  const out = execFileSync('taskset', ['-p', '-c', String(pid)], { encoding: 'utf8' });
  const list = /affinity list:\s*(\S+)/.exec(out)?.[1];
  if (!list) throw new Error(`taskset: no affinity list in ${JSON.stringify(out)}`);
  return list;
}

/** Holds every thread of `pid` to `cores` (taskset's list form); threads started later inherit it. Throws if it did not take. */
export function holdTo(pid: number, cores: string): void {
  execFileSync('taskset', ['-a', '-p', '-c', cores, String(pid)], { stdio: 'ignore' });
  const now = coresOf(pid);
  if (parseCoreList(now).join() !== parseCoreList(cores).join()) throw new Error(`taskset: process ${pid} runs on cores ${now}, not ${cores}`);
}

/** The cores of a taskset list ("0-2,5" is 0, 1, 2, 5). */
export function parseCoreList(list: string): number[] {
  return list.split(',').flatMap((part) => {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
}

/** Whether this process can be held apart from another: taskset works, and it may use two cores or more. */
export function canHoldApart(): boolean {
  try {
    return parseCoreList(coresOf(process.pid)).length >= 2;
  } catch {
    return false;
  }
}

/**
 * Runs `measure` with this process held to the first of its cores, and hands
 * it the second, to hold the other process to; afterwards this process may
 * use all the cores it had before again, even if `measure` failed.
 */
export async function heldApart<T>(measure: (otherCore: string) => Promise<T>): Promise<T> {
  const before = coresOf(process.pid);
  const [mine, other] = parseCoreList(before);
  if (mine === undefined || other === undefined) throw new Error(`cannot hold two processes apart on cores ${before}`);
  holdTo(process.pid, String(mine));
  try {
    return await measure(String(other));
  } finally {
    holdTo(process.pid, before);
  }
}
