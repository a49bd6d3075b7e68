import { useId, useLayoutEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { LIMITS } from '@plenum/shared/limits';
import { phaseNote } from '@plenum/shared/phase-notes';
import { generatedNote } from '@plenum/shared/protocol-draft/build';
import { LABELS } from '@plenum/shared/protocol-draft/labels';
import type { Lang } from '@plenum/shared/protocol-draft/tree';
import type { Phase } from '@plenum/shared/session-doc';
import { mapThroughDelta, textChange, type DeltaStep } from '@plenum/shared/text-change';
import { useT } from '../state/ui-store.ts';

// A phase's protocol note, written live: the textarea is bound to the note's
// Y.Text (phase-notes.ts), so several note-takers type into it at once and
// Yjs merges their words character by character. Every keystroke is written
// at once; there is nothing to save and nothing a reload could lose. The
// sentence the draft would offer instead stands as the placeholder.

/** Typing in notes: this browser's own changes, which the textarea already shows. */
const TYPING = { kind: 'protocol-note' };

export function NoteEditor({ doc, phase, number, lang }: { doc: Y.Doc; phase: Phase; number: number; lang: Lang }) {
  const t = useT();
  const id = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  const note = phaseNote(doc, phase.id);
  const [length, setLength] = useState(() => note?.length ?? 0);

  useLayoutEffect(() => {
    const el = input.current;
    if (!el || !note) return;
    let shown = note.toString();
    let composing = false;
    el.value = shown;
    setLength(shown.length);
    const show = (next: string, caret: [number, number] | null) => {
      shown = next;
      if (el.value !== next) el.value = next;
      if (caret && document.activeElement === el) el.setSelectionRange(caret[0], caret[1]);
      setLength(next.length);
    };
    const write = () => {
      const change = textChange(shown, el.value);
      const room = LIMITS.protocolNoteLength - (note.length - change.remove);
      const insert = change.insert.slice(0, Math.max(0, room));
      doc.transact(() => {
        if (change.remove > 0) note.delete(change.index, change.remove);
        if (insert) note.insert(change.index, insert);
      }, TYPING);
      const now = note.toString();
      show(now, now === el.value ? null : [change.index + insert.length, change.index + insert.length]);
    };
    const onInput = (event: Event) => {
      if (!composing && !(event as InputEvent).isComposing) write();
    };
    const onCompositionStart = () => {
      composing = true;
    };
    const onCompositionEnd = () => {
      composing = false;
      write();
    };
    // Someone else typed: show it, the caret staying where this person left it.
    // During an input-method composition the textarea is left alone (rewriting
    // it would lose the characters being composed); the next write catches up.
    const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.origin === TYPING && transaction.local) return;
      if (composing) return;
      const delta = event.delta as DeltaStep[];
      show(note.toString(), [mapThroughDelta(delta, el.selectionStart), mapThroughDelta(delta, el.selectionEnd)]);
    };
    note.observe(observer);
    el.addEventListener('input', onInput);
    el.addEventListener('compositionstart', onCompositionStart);
    el.addEventListener('compositionend', onCompositionEnd);
    return () => {
      note.unobserve(observer);
      el.removeEventListener('input', onInput);
      el.removeEventListener('compositionstart', onCompositionStart);
      el.removeEventListener('compositionend', onCompositionEnd);
    };
  }, [doc, note]);

  if (!note) return null;
  const suggestion = generatedNote(phase, LABELS[lang]);
  return (
    <div className="field note-field">
      <label htmlFor={`${id}-note`}>{t('protocol.note.label', { n: number, title: phase.title })}</label>
      <textarea
        id={`${id}-note`}
        ref={input}
        rows={3}
        placeholder={suggestion}
        maxLength={LIMITS.protocolNoteLength}
        aria-describedby={`${id}-count`}
        data-testid="protocol-note"
      />
      <p id={`${id}-count`} className="field-hint">
        {t('protocol.note.count', { count: LIMITS.protocolNoteLength - length })}
      </p>
    </div>
  );
}
