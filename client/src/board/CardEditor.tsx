import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { CardColor } from '@plenum/shared/board-doc';
import { LIMITS } from '@plenum/shared/limits';
import { useT } from '../state/ui-store.ts';
import { CharsLeft } from './CharsLeft.tsx';
import { ColorPicker } from './ColorPicker.tsx';

// Editing a card in place. Enter saves, Shift+Enter starts a new line, Escape
// cancels. Leaving the editor (clicking elsewhere) saves too: a word typed is
// never thrown away silently.

export function CardEditor({
  initialText,
  draft,
  onDraft,
  color,
  label,
  onSave,
  onCancel,
  onColor,
}: {
  initialText: string;
  /** Text typed before the editor was remounted (the card moved to another column meanwhile). */
  draft: string | undefined;
  onDraft(text: string): void;
  color: CardColor;
  label: string;
  onSave(text: string): void;
  onCancel(): void;
  onColor(color: CardColor): void;
}) {
  const t = useT();
  const [text, setText] = useState(draft ?? initialText);
  const finished = useRef(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const id = useId();

  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  const save = () => {
    if (finished.current) return;
    finished.current = true;
    if (text.trim() && text !== initialText) onSave(text);
    else onCancel();
  };
  const cancel = () => {
    if (finished.current) return;
    finished.current = true;
    onCancel();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      cancel();
    }
  };
  const onBlur = (e: FocusEvent<HTMLDivElement>) => {
    if (e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)) return;
    save();
  };

  return (
    <div className="card-editor" onBlur={onBlur}>
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {label}
      </label>
      <textarea
        id={`${id}-text`}
        ref={input}
        className="card-editor-input"
        value={text}
        maxLength={LIMITS.cardTextLength}
        rows={Math.min(8, Math.max(2, text.split('\n').length + 1))}
        aria-describedby={`${id}-hint ${id}-left`}
        onChange={(e) => {
          setText(e.target.value);
          onDraft(e.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      <CharsLeft id={`${id}-left`} length={text.length} />
      <p id={`${id}-hint`} className="hint">
        {t('card.editHint')}
      </p>
      <ColorPicker name={`${id}-color`} legend={t('card.color')} value={color} onChange={onColor} />
      <div className="card-editor-buttons">
        <button type="button" onClick={save}>
          {t('card.save')}
        </button>
        <button type="button" className="secondary" onClick={cancel}>
          {t('card.cancel')}
        </button>
      </div>
    </div>
  );
}
