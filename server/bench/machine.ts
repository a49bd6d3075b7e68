import fs from 'node:fs';
import os from 'node:os';

// What the figures were measured on, and the CPU time and memory of a process
// read from /proc (Linux), the same way for Plenum and the stock server.

export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** 1-minute load average when the scenario started: other work on the machine skews every figure. */
  loadAverage: number;
  /** … and when it ended. */
  loadAverageAfter?: number;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverage: loadAverage(),
  };
}

export function machineLine(m: Machine): string {
  const load = m.loadAverageAfter === undefined ? `${m.loadAverage} at start` : `${m.loadAverage} at start, ${m.loadAverageAfter} at end`;
  return `${m.date} · ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB · ${m.os} · Node ${m.node} · load average ${load}`;
}

export function loadAverage(): number {
  return Math.round(os.loadavg()[0]! * 100) / 100;
}

/** Clock ticks per second of /proc/<pid>/stat: 100 on every Linux the project runs on (getconf CLK_TCK). */
const TICKS_PER_SECOND = 100;

/** User + system CPU time of a process so far, in ms (all its threads). */
export function processCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

/** Resident memory now and at its peak, in MiB. */
export function processMemoryMiB(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}
