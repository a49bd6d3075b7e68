import { describe, expect, it } from 'vitest';
import { boardRoom, parseRoom, sessionRoom } from '../src/protocol.ts';

describe('room names', () => {
  it('round-trips session and board rooms and refuses anything else', () => {
    expect(parseRoom(sessionRoom('abc123'))).toEqual({ kind: 'session', sessionId: 'abc123' });
    expect(parseRoom(boardRoom('s1', 'p1', 'g1'))).toEqual({ kind: 'board', sessionId: 's1', phaseId: 'p1', groupId: 'g1' });
    for (const bad of ['', '../etc', 's1/board/p1', 's1/other/p1/g1', 's 1', 's1/board/p1/g1/x']) {
      expect(parseRoom(bad), bad).toBeNull();
    }
  });
});
