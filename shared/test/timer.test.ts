import { describe, expect, it } from 'vitest';
import { applyTimerAction, idleTimer, remaining } from '../src/timer.ts';

describe('phase timer', () => {
  it('runs, pauses, gains a minute and resets on the given clock', () => {
    let t = idleTimer(10 * 60_000);
    t = applyTimerAction(t, 'start', 1_000);
    expect(remaining(t, 61_000)).toBe(9 * 60_000);
    t = applyTimerAction(t, 'pause', 61_000);
    expect(remaining(t, 999_999)).toBe(9 * 60_000);
    t = applyTimerAction(t, 'add_minute', 70_000);
    expect(remaining(t, 70_000)).toBe(10 * 60_000);
    t = applyTimerAction(t, 'start', 100_000);
    t = applyTimerAction(t, 'add_minute', 100_000);
    expect(remaining(t, 100_000)).toBe(11 * 60_000);
    expect(remaining(t, 100_000 + 12 * 60_000)).toBe(0);
    t = applyTimerAction(t, 'reset', 200_000);
    expect(t).toEqual(idleTimer(10 * 60_000));
  });
});
