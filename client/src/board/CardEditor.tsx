import { useEffect, useId, useRef, type FocusEvent, type KeyboardEvent } from 'react';
import type { CardColor } from '@plenum/shared/board-doc';
import { LIMITS } from '@plenum/shared/limits';
import { useT } from '../state/ui-store.ts';
import { CharsLeft } from './CharsLeft.tsx';
import { ColorPicker } from './ColorPicker.tsx';
import { useBoundText, type EditSession } from './useBoundText.ts';

// Editing a card in place. What is typed is in the card at once (live, merged
// with anyone else typing in it: useBoundText.ts). Enter closes the editor,
// Shift+Enter starts a new line, Escape takes back this editing's own typing.
// Leaving the editor (clicking elsewhere) closes it too, keeping the text.

export function CardEditor({
  session,
  color,
  label,
  onTyped,
  onLost,
  onDone,
  onColor,
}: {
  /** Null only for the moment before the board has opened the session. */
  session: EditSession | null;
  color: CardColor;
  label: string;
  onTyped(text: string): void;
  onLost(text: string): void;
  /** The editor closes; `revert`: Escape or "Abbrechen". */
  onDone(revert: boolean): void;
  onColor(color: CardColor): void;
}) {
  const t = useT();
  const finished = useRef(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const text = useBoundText(input, session, onTyped, onLost);

  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  const finish = (revert: boolean) => {
    if (finished.current) return;
    finished.current = true;
    onDone(revert);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      finish(false);
    } else if (e.key === 'Escape' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      e.stopPropagation();
      finish(true);
    }
  };
  const onBlur = (e: FocusEvent<HTMLDivElement>) => {
    if (e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)) return;
    finish(false);
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
        maxLength={LIMITS.cardTextLength}
        rows={Math.min(8, Math.max(2, text.split('\n').length + 1))}
        aria-describedby={`${id}-hint ${id}-left`}
        onKeyDown={onKeyDown}
      />
      <CharsLeft id={`${id}-left`} length={text.length} />
      <p id={`${id}-hint`} className="hint">
        {t('card.editHint')}
      </p>
      <ColorPicker name={`${id}-color`} legend={t('card.color')} value={color} onChange={onColor} />
      <div className="card-editor-buttons">
        <button type="button" onClick={() => finish(false)}>
          {t('card.save')}
        </button>
        <button type="button" className="secondary" onClick={() => finish(true)}>
          {t('card.cancel')}
        </button>
      </div>
    </div>
  );
}
