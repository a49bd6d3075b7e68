import { describe, expect, it } from 'vitest';
import { protocolFileName } from '../src/protocol-draft/file-name.ts';

describe('protocolFileName', () => {
  it('joins prefix, date and title as in the reference protocol', () => {
    expect(protocolFileName('Sozialraumorientierung', '2021-09-06', 'de', 'md')).toEqual({
      name: 'Protokoll-2021-09-06-Sozialraumorientierung.md',
      ascii: 'Protokoll-2021-09-06-Sozialraumorientierung.md',
    });
    expect(protocolFileName('Bilanz und Zukunft', '', 'en', 'csv').name).toBe('Protocol-Bilanz-und-Zukunft.csv');
  });

  it('keeps umlauts in the UTF-8 name and spells them out in the ASCII one', () => {
    expect(protocolFileName('Größe & Übermaß: café', '2024-01-31', 'de', 'html')).toEqual({
      name: 'Protokoll-2024-01-31-Größe-Übermaß-café.html',
      ascii: 'Protokoll-2024-01-31-Groesse-Uebermass-cafe.html',
    });
  });

  it('lets no quote, separator, control character or leading dot through', () => {
    const hostile = '../"evil"\r\nSet-Cookie: x=1; \\..\\ \u0000\u202e name/\t.';
    const { name, ascii } = protocolFileName(hostile, 'not a date', 'de', 'md');
    for (const form of [name, ascii]) {
      expect([...form].filter((ch) => `"'\\/;\u202e`.includes(ch) || ch.charCodeAt(0) < 0x20 || ch === '\u007f')).toEqual([]);
      expect(form.startsWith('Protokoll-')).toBe(true);
      expect(form.endsWith('.md')).toBe(true);
    }
    expect(ascii).toMatch(/^[\x20-\x7e]+$/);
    expect(name).toBe('Protokoll-evil-Set-Cookie-x-1-name.md');
  });

  it('caps a long title and drops a title that has nothing left', () => {
    const { name } = protocolFileName('ä'.repeat(500), '2024-01-31', 'de', 'md');
    expect(name).toBe(`Protokoll-2024-01-31-${'ä'.repeat(80)}.md`);
    expect(protocolFileName('"/\\', '2024-01-31', 'de', 'md').name).toBe('Protokoll-2024-01-31.md');
  });
});
