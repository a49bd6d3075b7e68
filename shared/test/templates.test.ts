import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readPhases } from '../src/session-doc.ts';
import { readLayout } from '../src/summary-doc.ts';
import { initSessionFromTemplate, TEMPLATE_IDS, templatePhases } from '../src/templates.ts';

const meta = { title: 'Workshop' };

function built(template: string, lang?: unknown) {
  const doc = new Y.Doc();
  initSessionFromTemplate(doc, template, meta, lang);
  return doc;
}

describe('templates in English and German', () => {
  it.each(TEMPLATE_IDS)('%s: the English version has the German structure with English texts', (id) => {
    const de = templatePhases(id, 'de');
    const en = templatePhases(id, 'en');
    expect(en).toHaveLength(de.length);
    en.forEach((phase, i) => {
      const german = de[i]!;
      expect(phase.kind).toBe(german.kind);
      expect(phase.timerMinutes).toBe(german.timerMinutes);
      expect(phase.votingEnabled).toBe(german.votingEnabled);
      expect(phase.prompts?.length).toBe(german.prompts?.length);
      expect(phase.groups?.length).toBe(german.groups?.length);
      expect(Boolean(phase.question)).toBe(Boolean(german.question));
      expect(Boolean(phase.description)).toBe(Boolean(german.description));
      // Every text is translated, none left in German.
      const texts = (p: typeof phase) => [
        p.title,
        p.question ?? '',
        p.description ?? '',
        ...(p.prompts ?? []),
        ...(p.groups ?? []).flatMap((g) => [g.name, g.composition]),
      ];
      texts(phase).forEach((text, j) => {
        const original = texts(german)[j]!;
        if (original !== '' && original !== 'Statement') expect(text).not.toBe(original);
      });
      expect(texts(phase).join(' ')).not.toMatch(/[äöüß]|\b(und|der|die|mit|Gruppe)\b/);
    });
  });

  it('bilanz-zukunft in English keeps kinds and protocol layouts; German stays the default', () => {
    const en = built('bilanz-zukunft', 'en');
    const de = built('bilanz-zukunft');
    const enPhases = readPhases(en);
    const dePhases = readPhases(de);
    expect(enPhases.map((p) => p.kind)).toEqual(dePhases.map((p) => p.kind));
    expect(enPhases.map((p) => readLayout(en, p.id))).toEqual(dePhases.map((p) => readLayout(de, p.id)));
    expect(enPhases[1]!.title).toBe('Review: How was it? Highlights and low points');
    expect(dePhases[1]!.title).toBe('Bilanzgespräch: Wie war es? Highlights & Tiefpunkte');
  });

  it('refuses an unknown language with field lang and leaves the document empty', () => {
    const doc = new Y.Doc();
    expect(() => initSessionFromTemplate(doc, 'blank', meta, 'xx')).toThrow(
      expect.objectContaining({ code: 'invalid', field: 'lang' }),
    );
    expect(readPhases(doc)).toHaveLength(0);
  });
});
