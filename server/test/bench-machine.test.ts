import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  lookAt,
  machineBusyMs,
  ownProcesses,
  ownTicks,
  parseProcessStat,
  readProcesses,
  type Machine,
  type OwnLooks,
  type ProcessTicks,
} from '../bench/machine.ts';
import { noiseOf } from '../bench/report.ts';

// How `npm run bench` tells other work on the machine from its own: the CPU
// of the processes outside its tree, from /proc (server/bench/machine.ts).

const stat = (pid: number, name: string, ppid: number, session: number, utime: number, stime: number) =>
  // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …
  `${pid} (${name}) S ${ppid} ${pid} ${session} 0 -1 4194560 10 0 0 0 ${utime} ${stime} 500 600 20 0 1 0 100 0 0`;

const proc = (pid: number, ppid: number, session: number, ticks = 0): ProcessTicks => ({ pid, ppid, session, ticks });

describe('the bench measures other work on the machine', () => {
  it('reads a process line, whatever its name holds, with its own ticks only (not its reaped children’s)', () => {
    expect(parseProcessStat(stat(4242, 'Web Content (x) 1', 17, 9, 120, 30))).toEqual({ pid: 4242, ppid: 17, session: 9, ticks: 150 });
  });

  it('counts the machine busy in every state but idle and iowait', () => {
    // user nice system idle iowait irq softirq steal guest guest_nice, in ticks of 10 ms
    const text = 'cpu  100 20 30 9000 500 4 5 6 7 0\ncpu0 50 10 15 4500 250 2 2 3 3 0\nintr 1\n';
    expect(machineBusyMs(text)).toBe((100 + 20 + 30 + 4 + 5 + 6) * 10);
    expect(() => machineBusyMs('intr 1\n')).toThrow(/cpu line/);
  });

  it('takes as its own the bench’s descendants and the sessions they lead, not its own shell’s session', () => {
    const processes = [
      proc(1, 0, 1),
      proc(5, 1, 5), // the shell
      proc(10, 5, 5), // the bench
      proc(11, 10, 5), // a server it started
      proc(12, 11, 5), // … and its child
      proc(13, 11, 13), // Chromium, in a session of its own
      proc(14, 1, 13), // Chromium's zygote, re-parented to init
      proc(15, 14, 13), // a renderer
      proc(20, 1, 20), // a job of someone else
      proc(21, 1, 5), // started from the same shell, not by the bench
    ];
    expect([...ownProcesses(10, processes)].sort((a, b) => a - b)).toEqual([10, 11, 12, 13, 14, 15]);
  });

  it('adds up what its processes used between the looks: from 0 for those that started in between, up to the last look for those that ended', () => {
    const looks: OwnLooks = new Map();
    lookAt(looks, 10, [proc(10, 5, 5, 100), proc(11, 10, 5, 50), proc(20, 1, 20, 1000)], true);
    lookAt(looks, 10, [proc(10, 5, 5, 120), proc(11, 10, 5, 80), proc(12, 10, 5, 7), proc(20, 1, 20, 5000)]);
    lookAt(looks, 10, [proc(10, 5, 5, 130), proc(12, 10, 5, 9), proc(20, 1, 20, 9000)]);
    // the bench 30, the server that ended 30 (until its last look), the new one 9; the other job not at all
    expect(ownTicks(looks)).toBe(30 + 30 + 9);
  });

  it('counts the CPU of a process the bench started as its own', async () => {
    const looks: OwnLooks = new Map();
    lookAt(looks, process.pid, readProcesses(), true);
    // Burns 300 ms of CPU, says so, and stays until told to go, so the next look sees it.
    const child = spawn(process.execPath, [
      '-e',
      "const s = process.cpuUsage(); const used = () => { const u = process.cpuUsage(s); return u.user + u.system; }; while (used() < 300_000); process.stdout.write('done'); process.stdin.resume();",
    ]);
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    lookAt(looks, process.pid, readProcesses());
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.end();
    await exited;
    expect(ownTicks(looks)).toBeGreaterThanOrEqual(25); // ticks of 10 ms
  });

  it('calls a scenario noisy when more than a tenth of the machine was busy outside the bench, or by the load average in older records', () => {
    const machine: Machine = { date: '', cpu: '', cores: 2, memoryGiB: 1, os: '', node: '', loadAverage: 3.5, loadAverageAfter: 2 };
    expect(noiseOf({ ...machine, otherWorkCores: 0.05 })).toBeNull();
    expect(noiseOf({ ...machine, otherWorkCores: 0.6 })).toBe('0.60 of 2 cores busy outside the bench');
    expect(noiseOf(machine)).toBe('load average up to 3.5 on 2 cores');
    expect(noiseOf({ ...machine, loadAverage: 1, loadAverageAfter: 1.5 })).toBeNull();
  });
});
