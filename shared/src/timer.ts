import { LIMITS } from './limits.ts';

// A phase timer, counted on the server's clock. While it runs, `endsAt` is the
// server time at which it reaches zero; paused, `remainingMs` holds what is
// left. Clients show `remaining(timer, serverNow)` with serverNow = their clock
// plus the offset they measured against the server, so wrong client clocks agree.

export interface TimerState {
  durationMs: number;
  endsAt: number | null;
  remainingMs: number;
}

export type TimerAction = 'start' | 'pause' | 'add_minute' | 'reset';
export const TIMER_ACTIONS: readonly TimerAction[] = ['start', 'pause', 'add_minute', 'reset'];

export function idleTimer(durationMs: number): TimerState {
  const duration = Math.max(0, Math.min(LIMITS.timerMaxMs, Math.round(durationMs)));
  return { durationMs: duration, endsAt: null, remainingMs: duration };
}

export function isRunning(timer: TimerState): boolean {
  return timer.endsAt !== null;
}

export function remaining(timer: TimerState, now: number): number {
  if (timer.endsAt === null) return timer.remainingMs;
  return Math.max(0, timer.endsAt - now);
}

export function applyTimerAction(timer: TimerState, action: TimerAction, now: number): TimerState {
  switch (action) {
    case 'start':
      return isRunning(timer) ? timer : { ...timer, endsAt: now + timer.remainingMs };
    case 'pause':
      return isRunning(timer) ? { ...timer, endsAt: null, remainingMs: remaining(timer, now) } : timer;
    case 'add_minute': {
      const left = Math.min(LIMITS.timerMaxMs, remaining(timer, now) + 60_000);
      return isRunning(timer) ? { ...timer, endsAt: now + left } : { ...timer, remainingMs: left };
    }
    case 'reset':
      return idleTimer(timer.durationMs);
  }
}

export function readTimer(value: unknown): TimerState {
  if (typeof value !== 'object' || value === null) return idleTimer(0);
  const v = value as Record<string, unknown>;
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
  return {
    durationMs: num(v.durationMs),
    endsAt: typeof v.endsAt === 'number' && Number.isFinite(v.endsAt) ? v.endsAt : null,
    remainingMs: num(v.remainingMs),
  };
}
