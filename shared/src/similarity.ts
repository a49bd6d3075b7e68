import { stemmer } from '@orama/stemmers/german';
import type { Card } from './board-doc.ts';
import { pairKey, sourceKey, type SourceCard } from './summary-doc.ts';

// "Ähnliche Karten": cards from different groups that say the same thing,
// suggested to the moderator for merging (issue 10). Computed here, in the
// browser, from the cards alone: no service, no model download.
//
// Workshop cards are short German phrases, and two groups write the same
// thought differently in predictable ways: inflection ("Fallbesprechungen" /
// "Fallbesprechung"), compounds ("Jugendhilfeplanung" / "Planung der
// Jugendhilfe"), umlaut spellings typed on foreign keyboards ("Träger" /
// "Traeger", "ß" / "ss"), case and punctuation. So a card becomes
//   1. content words: lower-cased, split on anything but letters and digits,
//      German stopwords dropped, stemmed with the Snowball German stemmer
//      (@orama/stemmers, pure ESM), then umlauts folded (ä/ae → a, ö/oe → o,
//      ü/ue → u, ß → ss) so both spellings meet;
//   2. character trigrams of those folded words written together, which see
//      through compounds (the trigrams of "jugendhilfeplan" and of
//      "plan" + "jugendhilf" mostly coincide) and through spelling variants
//      ("aufwändig" / "aufwendig").
// The score is the mean of a soft word overlap (each word counts with its
// best-matching word of the other card, by trigram Dice) and the trigram Dice
// of the whole cards. docs/similarity.md has the measured precision and recall
// on shared/test/fixtures/similar-pairs.json and why the threshold is where it is.

/** Suggestions at or above this score are shown (docs/similarity.md). */
export const SIMILARITY_THRESHOLD = 0.5;

// Function words that carry no meaning of their own on a card. Written folded
// (as `fold` leaves them), checked before stemming.
const STOPWORDS = new Set(
  (
    'der die das den dem des ein eine einer eines einem einen und oder aber auch noch schon sehr mehr ' +
    'ist sind war waren wird werden wurde wurden sein hat haben hatte hatten kann konnen muss mussen ' +
    'soll sollte sollten will wollen mit von vom zu zum zur fur im in ins an am auf aus bei nach uber ' +
    'unter vor durch fur gegen ohne um als wie so dass da dann wenn was wer wo es er sie wir ich man ' +
    'sich uns unser unsere ihr ihre nicht kein keine dies diese dieser dieses sowie bzw z b zb etc ' +
    'gibt geben alle alles viel viele vieles einiges ganz immer weiter statt sondern'
  ).split(' '),
);

/** Lower case, ä/ae → a, ö/oe → o, ü/ue → u, ß → ss: one spelling for both ways of writing a word. */
export function fold(word: string): string {
  return word
    .toLowerCase()
    .replaceAll('ß', 'ss')
    .replace(/ä|ae/g, 'a')
    .replace(/ö|oe/g, 'o')
    .replace(/ü|ue/g, 'u');
}

/** The content words of a card: stopwords dropped, stemmed, folded. */
export function contentWords(text: string): string[] {
  const words: string[] = [];
  for (const raw of text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!raw || STOPWORDS.has(fold(raw))) continue;
    // Stem the word as written (the stemmer knows ä, ö, ü, ß), then fold the stem.
    const stem = fold(stemmer(raw));
    if (stem.length > 1 || /\d/.test(stem)) words.push(stem);
  }
  return words;
}

function trigrams(text: string): Set<string> {
  const padded = ` ${text} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** What a card is compared by; computed once per card. */
export interface CardFeatures {
  words: string[];
  /** Trigrams of the content words written together (compounds, spelling variants). */
  joined: Set<string>;
}

export function features(text: string): CardFeatures {
  const words = contentWords(text);
  return { words, joined: trigrams(words.join('')) };
}

/**
 * How alike two content words are (1 for the same stem, else trigram Dice),
 * remembered: cards of one workshop share a small vocabulary, so `suggestions`
 * computes each word pair once instead of once per card pair.
 */
export class WordScores {
  private readonly grams = new Map<string, Set<string>>();
  private readonly scores = new Map<string, Map<string, number>>();

  private gramsOf(word: string): Set<string> {
    let grams = this.grams.get(word);
    if (!grams) {
      grams = trigrams(word);
      this.grams.set(word, grams);
    }
    return grams;
  }

  score(a: string, b: string): number {
    if (a === b) return 1;
    let row = this.scores.get(a);
    if (!row) {
      row = new Map();
      this.scores.set(a, row);
    }
    let score = row.get(b);
    if (score === undefined) {
      score = dice(this.gramsOf(a), this.gramsOf(b));
      row.set(b, score);
    }
    return score;
  }
}

/** Each word of `from` counts with its best match in `to`. */
function bestMatches(from: CardFeatures, to: CardFeatures, words: WordScores): number {
  let sum = 0;
  for (const word of from.words) {
    let best = 0;
    for (const other of to.words) best = Math.max(best, words.score(word, other));
    sum += best;
  }
  return sum;
}

/** Similarity of two cards' features, 0 (nothing in common) to 1 (the same content words). */
export function similarityOf(a: CardFeatures, b: CardFeatures, words: WordScores = new WordScores()): number {
  if (a.words.length === 0 || b.words.length === 0) return 0;
  const soft = (bestMatches(a, b, words) + bestMatches(b, a, words)) / (a.words.length + b.words.length);
  return (soft + dice(a.joined, b.joined)) / 2;
}

/** Similarity of two card texts, 0 to 1. */
export function similarity(a: string, b: string): number {
  return similarityOf(features(a), features(b));
}

export interface Suggestion {
  /** pairKey(phaseId, …) of the two cards: what dismissPair stores. */
  key: string;
  a: SourceCard;
  b: SourceCard;
  score: number;
}

export interface SuggestionOptions {
  phaseId: string;
  /** Pair keys the moderator dismissed (dismissedPairs in summary-doc.ts). */
  dismissed?: ReadonlySet<string>;
  /** Source keys of cards already merged (mergedCardKeys): a pair of two such cards is not suggested. */
  merged?: ReadonlySet<string>;
  threshold?: number;
  /** At most this many suggestions (default 50). */
  limit?: number;
}

/**
 * Pairs of cards from DIFFERENT groups that probably say the same thing, best
 * first (ties by key, so every moderator sees the same list). Cost: every
 * pair of cards from different groups is scored, on features computed once
 * per card; a few hundred cards take a few hundred milliseconds in a browser
 * (docs/similarity.md). A view that asks again as the boards change keeps a
 * SuggestionIndex instead.
 */
export function suggestions(cardsByGroup: ReadonlyMap<string, readonly Card[]>, options: SuggestionOptions): Suggestion[] {
  const index = new SuggestionIndex(options.phaseId, options.threshold);
  index.update(cardsByGroup);
  return index.suggestions(options);
}

interface IndexedCard {
  source: SourceCard;
  features: CardFeatures;
}

/**
 * The suggestions of one phase, kept up to date while its boards change.
 * Scoring every pair again on each change cost the moderator's page about
 * 250 ms per incoming card on twelve boards of 30 cards, so the plenum view
 * froze while the groups were still writing. The index scores a card only
 * when it is new or its text changed, against the cards of the other groups,
 * and remembers the pairs at or above the threshold; dismissing and merging
 * only filter those, so they score nothing.
 */
export class SuggestionIndex {
  private readonly threshold: number;
  private readonly words = new WordScores();
  /** By source key: the cards of the last update, with their features. */
  private cards = new Map<string, IndexedCard>();
  /** By source key: the cards it scores at or above the threshold with (both directions), and the score. */
  private readonly hits = new Map<string, Map<string, number>>();

  constructor(
    private readonly phaseId: string,
    threshold?: number,
  ) {
    this.threshold = threshold ?? SIMILARITY_THRESHOLD;
  }

  /** Brings the index to these cards. Returns how many pairs it scored (tests read it). */
  update(cardsByGroup: ReadonlyMap<string, readonly Card[]>): number {
    const next = new Map<string, IndexedCard>();
    const rescore: string[] = [];
    for (const [groupId, list] of cardsByGroup) {
      for (const card of list) {
        const key = sourceKey(groupId, card.id);
        const source: SourceCard = { groupId, columnId: card.columnId, cardId: card.id, text: card.text };
        const known = this.cards.get(key);
        // A card moved to another column keeps its scores; its source is taken anew.
        if (known && known.source.text === card.text) next.set(key, { source, features: known.features });
        else {
          next.set(key, { source, features: features(card.text) });
          rescore.push(key);
        }
      }
    }
    for (const key of this.cards.keys()) if (!next.has(key)) this.forget(key);
    for (const key of rescore) this.forget(key);
    this.cards = next;
    let scored = 0;
    // Each pair once: a card rescored earlier in this loop has met this one already.
    const done = new Set<string>();
    for (const key of rescore) {
      const card = next.get(key)!;
      for (const [otherKey, other] of next) {
        if (other.source.groupId === card.source.groupId || done.has(otherKey)) continue;
        scored++;
        const score = similarityOf(card.features, other.features, this.words);
        if (score >= this.threshold) {
          this.hitsOf(key).set(otherKey, score);
          this.hitsOf(otherKey).set(key, score);
        }
      }
      done.add(key);
    }
    return scored;
  }

  /** The suggestions among the cards of the last update. */
  suggestions(options: Pick<SuggestionOptions, 'dismissed' | 'merged' | 'limit'> = {}): Suggestion[] {
    const out: Suggestion[] = [];
    for (const [aKey, row] of this.hits) {
      for (const [bKey, score] of row) {
        if (aKey > bKey) continue; // each pair is held both ways
        if (options.merged?.has(aKey) && options.merged.has(bKey)) continue;
        const key = pairKey(this.phaseId, aKey, bKey);
        if (options.dismissed?.has(key)) continue;
        out.push({ key, a: this.cards.get(aKey)!.source, b: this.cards.get(bKey)!.source, score });
      }
    }
    out.sort((x, y) => y.score - x.score || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    return out.slice(0, options.limit ?? 50);
  }

  private hitsOf(key: string): Map<string, number> {
    let row = this.hits.get(key);
    if (!row) {
      row = new Map();
      this.hits.set(key, row);
    }
    return row;
  }

  /** Drops a card's pairs (it is gone, or will be scored again). */
  private forget(key: string): void {
    const row = this.hits.get(key);
    if (!row) return;
    for (const otherKey of row.keys()) {
      const other = this.hits.get(otherKey);
      other?.delete(key);
      if (other?.size === 0) this.hits.delete(otherKey);
    }
    this.hits.delete(key);
  }
}
