import type { ProtocolTree, Run } from '@plenum/shared/protocol-draft/tree';

// A made-up protocol the rendering thread writes once when the server starts
// (Renderer.warmUp), before anyone asks: loading the writers' libraries,
// parsing the fonts and compiling the layout code cost the first DOCX and
// PDF of a 2,000-card session more than a second otherwise. Big enough for
// V8 to optimise the per-word and per-paragraph code, small enough to take
// well under a second of the thread's core.

const WORDS = 'Arbeitsgruppe Ergebnis Beteiligung Kooperation Träger Familien Öffentlichkeit Zukunft Bilanz Sozialraum größer'.split(' ');
const ITEMS = 200;

function item(i: number): Run[] {
  const text = Array.from({ length: 5 + (i % 13) }, (_, j) => WORDS[(i * 3 + j) % WORDS.length]).join(' ');
  return i % 2 ? [{ text }, { text: ' ' }, { text: `(Anna, ${i % 5} Punkte)`, emphasis: 'em' }] : [{ text }];
}

export const WARM_UP_TREE: ProtocolTree = {
  lang: 'de',
  title: 'Probe',
  blocks: [
    { type: 'heading', level: 1, text: 'Probe' },
    { type: 'paragraph', runs: [{ text: 'Wo:', emphasis: 'strong' }, { text: ' Rathaus' }] },
    { type: 'heading', level: 2, text: '1. Bilanz' },
    { type: 'heading', level: 3, text: 'Ergebnisse der Arbeitsgruppe 1' },
    { type: 'list', items: Array.from({ length: ITEMS }, (_, i) => item(i)) },
  ],
  cards: { columns: [], rows: [] },
};
