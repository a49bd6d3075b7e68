import { describe, expect, it, vi } from 'vitest';
import { ModelError } from '../src/errors.ts';
import { compareByOrder, isOrderKey, keyBetween, keyForIndex, keysAfter, MAX_KEY_LENGTH } from '../src/order-keys.ts';

function seeded(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

describe('order keys', () => {
  it('puts a key strictly between its bounds', () => {
    const a = keyBetween(null, null);
    const b = keyBetween(a, null);
    const c = keyBetween(a, b);
    const first = keyBetween(null, a);
    expect(first < a && a < c && c < b).toBe(true);
    for (const k of [a, b, c, first]) expect(isOrderKey(k)).toBe(true);
  });

  it('refuses bounds out of order or invalid', () => {
    expect(() => keyBetween('a2', 'a1')).toThrow(RangeError);
    expect(() => keyBetween('a1', 'a1')).toThrow(RangeError);
    expect(() => keyBetween('a00', null)).toThrow(RangeError);
    expect(() => keyBetween('a b', null)).toThrow(RangeError);
    expect(() => keysAfter('V', 2)).toThrow(RangeError);
  });

  it('accepts the library format only: schema 1 keys, trailing zeros and over-long keys are invalid', () => {
    for (const key of ['a0', 'a1V', 'Zz', 'b00', 'a0' + 'V'.repeat(MAX_KEY_LENGTH - 2)]) expect(isOrderKey(key), key).toBe(true);
    for (const key of ['', 'V', 'zzzV', 'a', 'a10', 'a0 V', 'a0' + 'V'.repeat(MAX_KEY_LENGTH - 1), 'A' + '0'.repeat(26), 7, null]) {
      expect(isOrderKey(key), String(key)).toBe(false);
    }
  });

  it('keeps finding room after many inserts at random spots (seeded random)', () => {
    for (const seed of [1, 7, 42, 2024]) {
      const rand = seeded(seed);
      const keys: string[] = [keyBetween(null, null)];
      for (let i = 0; i < 500; i++) {
        const at = Math.floor(rand() * (keys.length + 1));
        const key = keyBetween(keys[at - 1] ?? null, keys[at] ?? null);
        keys.splice(at, 0, key);
      }
      const sorted = [...keys].sort();
      expect(keys, `seed ${seed}`).toEqual(sorted);
      expect(new Set(keys).size).toBe(keys.length);
      expect(Math.max(...keys.map((k) => k.length))).toBeLessThan(MAX_KEY_LENGTH);
    }
  });

  it('keeps appended keys short: the integer part grows, the fraction is dropped', () => {
    // The jitter's bits come from Math.random: seeded here, so the test gives
    // the same keys every run (200 unseeded runs of 5,000 appends had their
    // longest key between 10 and 14 characters).
    let state = 42;
    const random = vi.spyOn(Math, 'random').mockImplementation(() => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 4294967296;
    });
    try {
      let last: string | null = null;
      let longest = 0;
      for (let i = 0; i < 5000; i++) {
        const key = keyBetween(last, null);
        if (last !== null) expect(key > last).toBe(true);
        longest = Math.max(longest, key.length);
        last = key;
      }
      // Three characters of integer part plus the jitter's fraction.
      expect(longest).toBeLessThanOrEqual(14);
    } finally {
      random.mockRestore();
    }
  });

  it('gives two people inserting at the same spot different keys (jitter)', () => {
    const keys = Array.from({ length: 50 }, () => keyBetween('a1', 'a2'));
    for (const key of keys) expect(key > 'a1' && key < 'a2').toBe(true);
    // Without jitter all 50 would be 'a1V'; a chance collision or two is allowed.
    expect(new Set(keys).size).toBeGreaterThan(45);
  });

  it('writes plain keys for lists made in one go', () => {
    expect(keysAfter(null, 3)).toEqual(['a0', 'a1', 'a2']);
    expect(keysAfter('a2', 2)).toEqual(['a3', 'a4']);
  });

  it('refuses with a coded error when no key within the limit fits the gap', () => {
    const before = 'a0' + 'V'.repeat(MAX_KEY_LENGTH - 2);
    const after = 'a0' + 'V'.repeat(MAX_KEY_LENGTH - 3) + 'W';
    expect(() => keyBetween(before, after)).toThrow(ModelError);
    expect(() => keyBetween(before, after)).toThrow(expect.objectContaining({ code: 'too_long', limit: MAX_KEY_LENGTH }));
  });

  it('finds the key for an index, skipping tied and invalid keys', () => {
    const items = [{ order: '' }, { order: 'a1' }, { order: 'a1' }, { order: 'a3' }];
    expect(keyForIndex(items, 0) < 'a1').toBe(true);
    const between = keyForIndex(items, 2);
    expect(between > 'a1' && between < 'a3').toBe(true);
    expect(keyForIndex(items, 99) > 'a3').toBe(true);
    expect(keyForIndex(items, -5) < 'a1').toBe(true);
  });

  it('breaks ties by id', () => {
    const items = [
      { id: 'b', order: 'a1' },
      { id: 'a', order: 'a1' },
      { id: 'c', order: 'a0' },
    ];
    expect(items.sort(compareByOrder).map((i) => i.id)).toEqual(['c', 'a', 'b']);
  });
});
