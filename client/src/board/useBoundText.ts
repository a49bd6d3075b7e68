import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import * as Y from 'yjs';
import { cardTextType, editableCardText } from '@plenum/shared/board-doc';
import { ModelError } from '@plenum/shared/errors';
import { LIMITS } from '@plenum/shared/limits';
import { mapThroughDelta, textChange, type DeltaStep } from '@plenum/shared/text-change';

// Editing a card's text live (board schema 3, issue 9). The textarea is bound
// to the card's Y.Text: every input is written at once as the smallest change
// (one delete and one insert), and what others type appears in the open
// editor, the caret staying where this person left it. There is no unsaved
// text: a reload, a crash or a second editor loses nothing.
//
// What ending an edit means, now that every keystroke is already written:
// - Enter, "Speichern" or leaving the editor: done, the text stays as it is.
// - Escape or "Abbrechen": this editing session's own typing is taken back
//   (only its own: what someone else typed meanwhile stays). It is one step
//   of the undo stack, so "Rückgängig" brings the words back.
// - An edit that leaves the card empty is taken back the same way instead of
//   leaving an empty card (deleting a card is the delete button's job).

/** Origin of turning a plain string text into a Y.Text: not an undoable step of anyone's. */
const UPGRADE_ORIGIN = 'plenum:card-text-upgrade';

/**
 * One person's editing of one card, from opening the editor to closing it.
 * It outlives the editor component (moving the card to another column
 * remounts the editor), so Escape still takes back everything typed since the
 * editor opened.
 */
export class EditSession {
  private readonly own: Y.UndoManager | null;

  constructor(
    readonly doc: Y.Doc,
    readonly cardId: string,
    /** Typing: gathered into one step of the board's undo stack. */
    readonly typingOrigin: object,
    /** Actions: Escape's taking back is one, so it can be undone in turn. */
    private readonly actionOrigin: object,
  ) {
    const text = this.editableText();
    this.own = text ? new Y.UndoManager(text, { trackedOrigins: new Set([typingOrigin]), captureTimeout: Number.POSITIVE_INFINITY }) : null;
  }

  /** The card's text was replaced whole: what is typed into the new one can be taken back too. */
  follow(text: Y.Text): void {
    this.own?.addToScope(text);
  }

  /** The card's text as a Y.Text, turning a plain string into one; null once the card is gone. */
  editableText(): Y.Text | null {
    let text: Y.Text | null = null;
    try {
      this.doc.transact(() => {
        text = editableCardText(this.doc, this.cardId);
      }, UPGRADE_ORIGIN);
    } catch (error) {
      // The card is gone (deleted meanwhile): the board closes the editor.
      if (!(error instanceof ModelError)) throw error;
    }
    return text;
  }

  /** The card's Y.Text now (null once the card is gone). */
  text(): Y.Text | null {
    return cardTextType(this.doc, this.cardId);
  }

  /** Takes back what this session typed, and nothing of anyone else's. */
  revert(): void {
    const own = this.own;
    if (!own?.canUndo()) return;
    // Inside a transaction of the action origin, so the board's undo stack
    // records the taking back as a step of its own.
    this.doc.transact(() => {
      while (own.canUndo()) own.undo();
    }, this.actionOrigin);
  }

  /** Closes the editor: Escape (`revert`) or done; an emptied text is taken back. */
  finish(revert: boolean): void {
    const text = this.text();
    if (text && (revert || !text.toString().trim())) this.revert();
    this.destroy();
  }

  destroy(): void {
    this.own?.destroy();
  }
}

/** Cuts `insert` so the text stays within `room` characters, never between the two halves of an emoji. */
function fitted(insert: string, room: number): string {
  if (insert.length <= room) return insert;
  let end = Math.max(0, room);
  const code = insert.charCodeAt(end - 1);
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end--;
  return insert.slice(0, end);
}

/**
 * Binds the textarea to the session's Y.Text while mounted. Returns what it
 * shows (for the character count and the number of rows). `onTyped` hears
 * every text this person typed, so that it can be offered back if someone
 * deletes the card meanwhile (useRescuedDraft.ts); `onLost` hears typed words
 * that the card's text no longer holds because someone replaced it whole.
 */
export function useBoundText(
  input: RefObject<HTMLTextAreaElement | null>,
  session: EditSession | null,
  onTyped: (text: string) => void,
  onLost: (text: string) => void,
): string {
  const [value, setValue] = useState(() => session?.text()?.toString() ?? '');
  // The latest callbacks, without binding the textarea anew on every render.
  const callbacks = useRef({ onTyped, onLost });
  useLayoutEffect(() => {
    callbacks.current = { onTyped, onLost };
  });

  useLayoutEffect(() => {
    const el = input.current;
    if (!el || !session) return;
    let text = session.text();
    if (!text) return;
    // What the textarea shows; equal to the Y.Text except during an IME
    // composition, when others' changes wait in `waiting` until it ends.
    let shown = text.toString();
    let composing = false;
    let waiting: DeltaStep[][] = [];
    let typedHere = false;
    const show = (next: string, selection: [number, number] | null) => {
      shown = next;
      if (el.value !== next) el.value = next;
      if (selection && document.activeElement === el) el.setSelectionRange(selection[0], selection[1], el.selectionDirection);
      setValue(next);
    };
    show(shown, null);

    /** Writes what was typed since `shown`, placed through the changes others made meanwhile. */
    const write = (through: DeltaStep[][]) => {
      typedHere = true;
      const bound = text;
      if (!bound) return;
      const typed = el.value;
      const change = textChange(shown, typed);
      let index = change.index;
      let end = change.index + change.remove;
      for (const delta of through) {
        index = mapThroughDelta(delta, index);
        end = mapThroughDelta(delta, end);
      }
      const remove = Math.max(0, end - index);
      const insert = fitted(change.insert, LIMITS.cardTextLength - (bound.length - remove));
      if (remove > 0 || insert) {
        session.doc.transact(() => {
          if (remove > 0) bound.delete(index, remove);
          if (insert) bound.insert(index, insert);
        }, session.typingOrigin);
      }
      const now = bound.toString();
      const caret = index + insert.length;
      show(now, now === typed ? null : [caret, caret]);
      callbacks.current.onTyped(now);
    };

    const onInput = (event: Event) => {
      if (composing || (event as InputEvent).isComposing) return;
      write([]);
    };
    const onCompositionStart = () => {
      composing = true;
      waiting = [];
    };
    // Typing through an input method (accents, Japanese, …): the textarea must
    // not be rewritten mid-composition, or the characters being composed are
    // lost. Others' changes wait and are applied, with this one, at the end.
    const onCompositionEnd = () => {
      composing = false;
      const through = waiting;
      waiting = [];
      write(through);
    };
    const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      // This tab's typing is already on screen.
      if (transaction.local && transaction.origin === session.typingOrigin) return;
      const delta = event.delta as DeltaStep[];
      if (composing) {
        waiting.push(delta);
        return;
      }
      show(text?.toString() ?? shown, [mapThroughDelta(delta, el.selectionStart), mapThroughDelta(delta, el.selectionEnd)]);
    };
    // Someone may replace the card's text whole (a script writing a string,
    // two people turning one plain string into a Y.Text at the same moment):
    // the editor follows the new one. If this person's words are not in it,
    // they are offered back rather than dropped.
    const rebind = (current: Y.Text | null) => {
      text?.unobserve(observer);
      text = current;
      if (!text) return;
      text.observe(observer);
      session.follow(text);
      const theirs = text.toString();
      const mine = el.value;
      if (theirs !== mine && typedHere) callbacks.current.onLost(mine);
      composing = false;
      waiting = [];
      show(theirs, null);
    };
    const follow = () => {
      const current = session.text();
      if (current === text) return;
      // A plain string now (a script): this person is editing the card, so it
      // becomes a Y.Text again. Null: the card is gone, the board closes the editor.
      rebind(current ?? session.editableText());
    };
    text.observe(observer);
    session.doc.on('afterTransaction', follow);
    el.addEventListener('input', onInput);
    el.addEventListener('compositionstart', onCompositionStart);
    el.addEventListener('compositionend', onCompositionEnd);
    return () => {
      text?.unobserve(observer);
      session.doc.off('afterTransaction', follow);
      el.removeEventListener('input', onInput);
      el.removeEventListener('compositionstart', onCompositionStart);
      el.removeEventListener('compositionend', onCompositionEnd);
    };
  }, [input, session]);

  return value;
}
