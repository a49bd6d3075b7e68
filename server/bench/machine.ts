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
  /**
   * CPU that processes outside the bench used while the scenario ran, in
   * cores on average (measureOtherWork). Missing in records made before it was measured.
   */
  otherWorkCores?: number;
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
  const other = m.otherWorkCores === undefined ? '' : ` · other work ${m.otherWorkCores.toFixed(2)} cores`;
  return `${m.date} · ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB · ${m.os} · Node ${m.node} · load average ${load}${other}`;
}

export function loadAverage(): number {
  return Math.round(os.loadavg()[0]! * 100) / 100;
}

/** Clock ticks per second of /proc/<pid>/stat: 100 on every Linux the project runs on (getconf CLK_TCK). */
const TICKS_PER_SECOND = 100;

/** User + system CPU time of a process so far, in ms (all its threads). */
export function processCpuMs(pid: number): number {
  return (parseProcessStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')).ticks * 1000) / TICKS_PER_SECOND;
}

/** Resident memory now and at its peak, in MiB. */
export function processMemoryMiB(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/**
 * Busy CPU time of the whole machine so far, in ms over all cores: every
 * state of /proc/stat's `cpu` line but idle and iowait (guest time is
 * already in user).
 */
export function machineBusyMs(stat: string = fs.readFileSync('/proc/stat', 'utf8')): number {
  const fields = /^cpu\s+(.*)$/m.exec(stat)?.[1]?.trim().split(/\s+/).map(Number);
  if (!fields || fields.length < 8) throw new Error('/proc/stat has no cpu line');
  const [user, nice, system, , , irq, softirq, steal] = fields as [number, number, number, number, number, number, number, number];
  return ((user + nice + system + irq + softirq + steal) * 1000) / TICKS_PER_SECOND;
}

/** One line of /proc/<pid>/stat: the process, its parent and session, and the CPU ticks of its own threads. */
export interface ProcessTicks {
  pid: number;
  ppid: number;
  session: number;
  /**
   * utime + stime. Not the ticks of the children it reaped (cutime, cstime):
   * whether a child's ticks reach its parent depends on who reaps it (a
   * Chromium zygote that outlives the browser goes to init, and takes its
   * renderers' ticks there), so each process counts only its own.
   */
  ticks: number;
}

export function parseProcessStat(stat: string): ProcessTicks {
  const pid = Number(stat.slice(0, stat.indexOf(' ')));
  // The command name (field 2) may hold spaces: count fields after its closing
  // parenthesis (state, ppid, pgrp, session, …, utime as the 12th, stime).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { pid, ppid: Number(fields[1]), session: Number(fields[3]), ticks: Number(fields[11]) + Number(fields[12]) };
}

/**
 * The processes that are the bench's own work: `root`, its descendants, and
 * every process in a session one of them leads. Chromium is started in a
 * session of its own, and its zygote processes (which start the renderers)
 * are re-parented to init when the browser process exits before them: then
 * only their session still ties them to the bench.
 */
export function ownProcesses(root: number, processes: ProcessTicks[]): Set<number> {
  const children = new Map<number, number[]>();
  const bySession = new Map<number, number[]>();
  const add = (map: Map<number, number[]>, key: number, pid: number) => (map.get(key) ?? map.set(key, []).get(key)!).push(pid);
  for (const p of processes) {
    add(children, p.ppid, p.pid);
    add(bySession, p.session, p.pid);
  }
  const own = new Set<number>();
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    if (own.has(pid)) continue;
    own.add(pid);
    stack.push(...(children.get(pid) ?? []));
    // A session it leads (session id = its pid): the bench's own one is not, it is the shell's.
    if (pid !== root) stack.push(...(bySession.get(pid) ?? []));
  }
  return own;
}

/** Every process on the machine now, from /proc. */
export function readProcesses(): ProcessTicks[] {
  const processes: ProcessTicks[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      processes.push(parseProcessStat(fs.readFileSync(`/proc/${entry}/stat`, 'utf8')));
    } catch {
      // It exited between the listing and the read.
    }
  }
  return processes;
}

/** The bench's processes as looked at over time, by pid: their CPU ticks at the first look and at the last. */
export type OwnLooks = Map<number, { first: number; last: number }>;

/**
 * Adds one look at the processes to `looks` (only the bench's own, by
 * ownProcesses). A process there at the first look starts from its ticks
 * then; one that started later, from 0.
 */
export function lookAt(looks: OwnLooks, root: number, processes: ProcessTicks[], first = false): void {
  const own = ownProcesses(root, processes);
  for (const p of processes) {
    if (!own.has(p.pid)) continue;
    const known = looks.get(p.pid);
    if (known) known.last = p.ticks;
    else looks.set(p.pid, { first: first ? p.ticks : 0, last: p.ticks });
  }
}

/** The CPU ticks the bench's processes used between the first look and the last. */
export function ownTicks(looks: OwnLooks): number {
  let ticks = 0;
  for (const { first, last } of looks.values()) ticks += last - first;
  return ticks;
}

/**
 * Starts measuring the CPU that processes outside the bench used meanwhile
 * (the bench's servers, generator threads, Chromium and scripts are its own:
 * ownProcesses), from the machine's busy time less the bench's. `stop` gives
 * it in cores, averaged over the time since the start. The load average
 * cannot say this: it counts the bench's own work, and trails the scenario
 * before by a minute. It is an upper bound: the bench's processes are
 * looked at every `everyMs`, and what one used after its last look (when it
 * exited) counts as other work, as does the kernel's own work for the bench
 * (interrupts, writing back files), which is in no process.
 */
export function measureOtherWork(root = process.pid, everyMs = 250): { stop(): number } {
  const at = performance.now();
  const machineAt = machineBusyMs();
  const looks: OwnLooks = new Map();
  lookAt(looks, root, readProcesses(), true);
  const timer = setInterval(() => lookAt(looks, root, readProcesses()), everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      lookAt(looks, root, readProcesses());
      const elapsed = performance.now() - at;
      const other = machineBusyMs() - machineAt - (ownTicks(looks) * 1000) / TICKS_PER_SECOND;
      return elapsed > 0 ? Math.max(0, other) / elapsed : 0;
    },
  };
}
