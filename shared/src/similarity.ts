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

/** The character trigrams of a text padded with a space at each end. */
function trigrams(text: string): Set<string> {
  const padded = ` ${text} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** How many ids two sorted arrays of distinct ids have in common. */
function sharedCount(a: Int32Array, b: Int32Array): number {
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/** The Dice coefficient of two sets given as sorted arrays of distinct ids; `shared` if known. */
function dice(a: Int32Array, b: Int32Array, shared = sharedCount(a, b)): number {
  if (a.length === 0 || b.length === 0) return 0;
  return (2 * shared) / (a.length + b.length);
}

/**
 * Two word ids below this make one small integer (Vocabulary.score's key),
 * which a Map hashes much faster than a larger number: 32,768 words, far more
 * than a phase's cards hold. Pairs with a word beyond it are not remembered.
 */
const WORD_IDS = 2 ** 15;

/**
 * The words and trigrams of the cards compared, as small integers, and how
 * alike two words are (1 for the same stem, else trigram Dice), remembered:
 * cards of one workshop share a small vocabulary, so each word pair is
 * compared once, not once per card pair. Integers because opening the plenum
 * view of 30 groups of 30 cards scores some 400,000 card pairs: sorted
 * arrays of numbers and small-integer keys take well under half the time
 * that sets and maps of strings took (docs/similarity.md).
 */
export class Vocabulary {
  private readonly words = new Map<string, number>();
  /** By word id: the word's trigram ids. */
  private readonly wordGrams: Int32Array[] = [];
  private readonly grams = new Map<string, number>();
  /** By the lower word id × WORD_IDS + the higher: how many trigrams they share (a small integer, which a Map holds without boxing it). */
  private readonly shared = new Map<number, number>();

  /** The id of a content word. */
  word(word: string): number {
    let id = this.words.get(word);
    if (id === undefined) {
      id = this.wordGrams.length;
      this.words.set(word, id);
      this.wordGrams.push(this.gramsOf(word));
    }
    return id;
  }

  /** The ids of a text's trigrams (padded as `trigrams` does), sorted, each once. */
  gramsOf(text: string): Int32Array {
    const ids: number[] = [];
    for (const gram of trigrams(text)) {
      let id = this.grams.get(gram);
      if (id === undefined) {
        id = this.grams.size;
        this.grams.set(gram, id);
      }
      ids.push(id);
    }
    return Int32Array.from(ids).sort();
  }

  /** How alike two words are, by id: 1 for the same word, else the Dice coefficient of their trigrams. */
  score(a: number, b: number): number {
    if (a === b) return 1;
    const gramsA = this.wordGrams[a]!;
    const gramsB = this.wordGrams[b]!;
    if (a >= WORD_IDS || b >= WORD_IDS) return dice(gramsA, gramsB);
    const key = a < b ? a * WORD_IDS + b : b * WORD_IDS + a;
    let shared = this.shared.get(key);
    if (shared === undefined) {
      shared = sharedCount(gramsA, gramsB);
      this.shared.set(key, shared);
    }
    return dice(gramsA, gramsB, shared);
  }
}

/** What a card is compared by; computed once per card, with the vocabulary it is compared in. */
export interface CardFeatures {
  /** Its content words' ids. */
  words: Int32Array;
  /** Trigrams of the content words written together (compounds, spelling variants). */
  joined: Int32Array;
}

export function features(text: string, vocabulary: Vocabulary): CardFeatures {
  const words = contentWords(text);
  return { words: Int32Array.from(words, (word) => vocabulary.word(word)), joined: vocabulary.gramsOf(words.join('')) };
}

/** By word of the second card: its best match so far (scratch space of softOverlap, grown as needed). */
let bestOfB = new Float64Array(16);

/**
 * The soft word overlap: each word of either card counts with its best
 * match among the other's words, the sum divided by the number of words.
 * Each word pair is looked up once for both directions.
 */
function softOverlap(a: Int32Array, b: Int32Array, vocabulary: Vocabulary): number {
  if (bestOfB.length < b.length) bestOfB = new Float64Array(b.length * 2);
  bestOfB.fill(0, 0, b.length);
  let sumA = 0;
  for (const word of a) {
    let best = 0;
    for (let j = 0; j < b.length; j++) {
      const score = vocabulary.score(word, b[j]!);
      best = Math.max(best, score);
      bestOfB[j] = Math.max(bestOfB[j]!, score);
    }
    sumA += best;
  }
  let sumB = 0;
  for (let j = 0; j < b.length; j++) sumB += bestOfB[j]!;
  return (sumA + sumB) / (a.length + b.length);
}

/** Similarity of two cards' features (of one vocabulary), 0 (nothing in common) to 1 (the same content words). */
export function similarityOf(a: CardFeatures, b: CardFeatures, vocabulary: Vocabulary): number {
  if (a.words.length === 0 || b.words.length === 0) return 0;
  return (softOverlap(a.words, b.words, vocabulary) + dice(a.joined, b.joined)) / 2;
}

/** Similarity of two card texts, 0 to 1. */
export function similarity(a: string, b: string): number {
  const vocabulary = new Vocabulary();
  return similarityOf(features(a, vocabulary), features(b, vocabulary), vocabulary);
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
 * per card; 900 cards in 30 groups, some 400,000 pairs, take about 300 ms in
 * Node (docs/similarity.md). A view that asks again as the boards change keeps a
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

/** A pair at or above the threshold: `a` is the lower of the two source keys. */
interface Hit {
  key: string;
  a: string;
  b: string;
  score: number;
}

/** Best first, ties by key: the order suggestions are listed in (every moderator sees the same list). */
function byRank(x: Hit, y: Hit): number {
  return y.score - x.score || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
}

/** Two lists in byRank order as one. */
function mergeRanked(x: readonly Hit[], y: readonly Hit[]): Hit[] {
  const out: Hit[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) out.push(byRank(x[i]!, y[j]!) <= 0 ? x[i++]! : y[j++]!);
  while (i < x.length) out.push(x[i++]!);
  while (j < y.length) out.push(y[j++]!);
  return out;
}

/**
 * The suggestions of one phase, kept up to date while its boards change.
 * Scoring every pair again on each change cost the moderator's page about
 * 250 ms per incoming card on twelve boards of 30 cards, so the plenum view
 * froze while the groups were still writing. The index scores a card only
 * when it is new or its text changed, against the cards of the other groups,
 * and remembers the pairs at or above the threshold, kept in the order they
 * are listed in; dismissing and merging only filter those from the top, so
 * they score and sort nothing. (Sorting all of them on every read took a few
 * milliseconds of every incoming card on 30 boards, where several thousand
 * pairs pass the threshold.)
 */
export class SuggestionIndex {
  private readonly threshold: number;
  private readonly vocabulary = new Vocabulary();
  /** By source key: the cards of the last update, with their features. */
  private cards = new Map<string, IndexedCard>();
  /** By source key: the cards it scores at or above the threshold with (both directions), and their pair. */
  private readonly hits = new Map<string, Map<string, Hit>>();
  /** Every pair of `hits` once, in byRank order. */
  private ranked: Hit[] = [];

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
          next.set(key, { source, features: features(card.text, this.vocabulary) });
          rescore.push(key);
        }
      }
    }
    const removed = new Set<Hit>();
    for (const key of this.cards.keys()) if (!next.has(key)) this.forget(key, removed);
    for (const key of rescore) this.forget(key, removed);
    this.cards = next;
    const added: Hit[] = [];
    const scored = rescore.length > 0 ? this.scoreAgainstOthers(rescore, added) : 0;
    if (removed.size > 0) this.ranked = this.ranked.filter((hit) => !removed.has(hit));
    if (added.length > 0) this.ranked = mergeRanked(this.ranked, added.sort(byRank));
    return scored;
  }

  /**
   * Scores the cards of `rescore` against every card of another group, each
   * pair once, remembering the pairs at or above the threshold (also in
   * `added`). Returns how many pairs it scored.
   */
  private scoreAgainstOthers(rescore: readonly string[], added: Hit[]): number {
    // Arrays and numbers in the loop below, which runs once per pair: a
    // phase of 30 groups of 30 cards has some 400,000 of them.
    const keys = [...this.cards.keys()];
    const cards = [...this.cards.values()];
    const groupIds = new Map<string, number>();
    const groups = Int32Array.from(cards, (card) => {
      const id = groupIds.get(card.source.groupId) ?? groupIds.size;
      groupIds.set(card.source.groupId, id);
      return id;
    });
    const positions = new Map(keys.map((key, i) => [key, i]));
    // Each pair once: a card rescored earlier in this loop has met this one already.
    const done = new Uint8Array(cards.length);
    let scored = 0;
    for (const key of rescore) {
      const i = positions.get(key)!;
      const card = cards[i]!;
      for (let j = 0; j < cards.length; j++) {
        if (groups[j] === groups[i] || done[j] === 1) continue;
        scored++;
        const score = similarityOf(card.features, cards[j]!.features, this.vocabulary);
        if (score >= this.threshold) {
          const [a, b] = key < keys[j]! ? [key, keys[j]!] : [keys[j]!, key];
          const hit: Hit = { key: pairKey(this.phaseId, a, b), a, b, score };
          this.hitsOf(key).set(keys[j]!, hit);
          this.hitsOf(keys[j]!).set(key, hit);
          added.push(hit);
        }
      }
      done[i] = 1;
    }
    return scored;
  }

  /** The suggestions among the cards of the last update. */
  suggestions(options: Pick<SuggestionOptions, 'dismissed' | 'merged' | 'limit'> = {}): Suggestion[] {
    const limit = options.limit ?? 50;
    const out: Suggestion[] = [];
    for (const hit of this.ranked) {
      if (out.length >= limit) break;
      if (options.merged?.has(hit.a) && options.merged.has(hit.b)) continue;
      if (options.dismissed?.has(hit.key)) continue;
      out.push({ key: hit.key, a: this.cards.get(hit.a)!.source, b: this.cards.get(hit.b)!.source, score: hit.score });
    }
    return out;
  }

  private hitsOf(key: string): Map<string, Hit> {
    let row = this.hits.get(key);
    if (!row) {
      row = new Map();
      this.hits.set(key, row);
    }
    return row;
  }

  /** Drops a card's pairs (it is gone, or will be scored again), adding them to `removed`. */
  private forget(key: string, removed: Set<Hit>): void {
    const row = this.hits.get(key);
    if (!row) return;
    for (const [otherKey, hit] of row) {
      removed.add(hit);
      const other = this.hits.get(otherKey);
      other?.delete(key);
      if (other?.size === 0) this.hits.delete(otherKey);
    }
    this.hits.delete(key);
  }
}
