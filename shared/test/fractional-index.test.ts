import { describe, expect, it } from 'vitest';
import { compareByOrder, isOrderKey, keyBetween, keysAfter } from '../src/fractional-index.ts';

function seeded(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

describe('fractional index', () => {
  it('puts a key strictly between its bounds', () => {
    const a = keyBetween(null, null);
    const b = keyBetween(a, null);
    const c = keyBetween(a, b);
    const first = keyBetween(null, a);
    expect(first < a && a < c && c < b).toBe(true);
    for (const k of [a, b, c, first]) expect(isOrderKey(k)).toBe(true);
  });

  it('refuses bounds out of order or invalid', () => {
    expect(() => keyBetween('V', 'A')).toThrow(RangeError);
    expect(() => keyBetween('A0', null)).toThrow(RangeError);
    expect(() => keyBetween('a b', null)).toThrow(RangeError);
  });

  it('keeps finding room after many inserts at the same spot (seeded random)', () => {
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
      expect(Math.max(...keys.map((k) => k.length))).toBeLessThan(64);
    }
  });

  it('appends ascending keys and breaks ties by id', () => {
    const keys = keysAfter(null, 5);
    expect([...keys].sort()).toEqual(keys);
    const items = [
      { id: 'b', order: 'V' },
      { id: 'a', order: 'V' },
      { id: 'c', order: 'F' },
    ];
    expect(items.sort(compareByOrder).map((i) => i.id)).toEqual(['c', 'a', 'b']);
  });
});
