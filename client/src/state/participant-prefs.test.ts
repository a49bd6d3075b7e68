import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isId } from '@plenum/shared/ids';
import { LIMITS } from '@plenum/shared/limits';
import { loadPrefs } from './participant-prefs.ts';

// What a browser remembers per session comes back from localStorage after a
// reload; whatever else is stored there (an older version, a hand edit, a
// blocked storage) must not break the board or reuse a bad key.

/** A browser's localStorage, in memory (this project runs in Node). */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

const KEY = 'plenum.participant.s1';

describe('loadPrefs', () => {
  let storage: Storage;
  beforeEach(() => {
    storage = memoryStorage();
    vi.stubGlobal('localStorage', storage);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('starts fresh on the first visit and stores the new keys, so a reload keeps them', () => {
    const first = loadPrefs('s1');
    expect(first).toMatchObject({ joined: false, name: '', groups: {}, color: 'yellow', lastBoard: null });
    expect(isId(first.voterKey)).toBe(true);
    expect(first.writerSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadPrefs('s1')).toEqual(first);
    expect(loadPrefs('s2').voterKey).not.toBe(first.voterKey);
  });

  it('keeps every valid stored value', () => {
    const stored = {
      joined: true,
      name: 'Ada',
      groups: { phase1: 'group1' },
      voterKey: 'voter1',
      writerSecret: 'w'.repeat(32),
      color: 'green',
      lastBoard: { phaseId: 'phase1', groupId: 'group1', privateWriting: true },
    };
    storage.setItem(KEY, JSON.stringify(stored));
    expect(loadPrefs('s1')).toEqual(stored);
  });

  it('repairs what is malformed and keeps the rest', () => {
    storage.setItem(
      KEY,
      JSON.stringify({
        joined: 'yes',
        name: 'x'.repeat(LIMITS.authorNameLength + 10),
        groups: { phase1: 'group1', 'bad id': 'group2', phase2: 42 },
        voterKey: 'not an id!',
        writerSecret: 'short',
        color: 'mauve',
        lastBoard: { phaseId: 'phase1', groupId: 'bad id', privateWriting: false },
      }),
    );
    const prefs = loadPrefs('s1');
    expect(prefs.lastBoard).toBeNull();
    expect(prefs.joined).toBe(false);
    expect(prefs.name).toBe('x'.repeat(LIMITS.authorNameLength));
    expect(prefs.groups).toEqual({ phase1: 'group1' });
    expect(isId(prefs.voterKey)).toBe(true);
    expect(prefs.writerSecret).not.toBe('short');
    expect(prefs.writerSecret.length).toBeGreaterThanOrEqual(32);
    expect(prefs.color).toBe('yellow');
    expect(JSON.parse(storage.getItem(KEY) ?? '{}')).toEqual(prefs);
  });

  it('starts fresh when the stored text is not JSON', () => {
    storage.setItem(KEY, '{not json');
    expect(loadPrefs('s1')).toMatchObject({ joined: false, name: '', groups: {} });
  });

  it('still works when storage is blocked, remembering nothing', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    });
    const prefs = loadPrefs('s1');
    expect(prefs.joined).toBe(false);
    expect(isId(prefs.voterKey)).toBe(true);
  });
});
