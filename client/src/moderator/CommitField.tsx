import { useId, useState, type KeyboardEvent } from 'react';
import { tryWrite } from '../i18n/errors.ts';
import { messageText, type Message } from '../i18n/message.ts';
import { useT } from '../state/ui-store.ts';

// A text field bound to one value of the session document. Typing edits a
// local draft; leaving the field (or Enter in a one-line field) writes it with
// a shared accessor. A refused value stays in the field with the translated
// reason beside it, so nothing typed is lost.

interface CommitFieldProps {
  label: string;
  value: string;
  /** Writes the value; throws ModelError when it is refused. */
  commit(value: string): void;
  multiline?: boolean;
  type?: 'text' | 'date' | 'time' | 'number';
  required?: boolean;
  disabled?: boolean;
  hint?: string;
  /** A shorter name for error messages than the visible label. */
  errorLabel?: string;
  min?: number;
  max?: number;
  rows?: number;
  className?: string;
  inputId?: string;
}

export function CommitField(props: CommitFieldProps) {
  const t = useT();
  const generated = useId();
  const id = props.inputId ?? generated;
  const [draft, setDraft] = useState<string | null>(null);
  // The refusal, worded when shown with the field's current label (a language switch re-words it).
  const [error, setError] = useState<Message | null>(null);
  const shown = draft ?? props.value;

  const save = () => {
    if (draft === null) return;
    if (draft === props.value) {
      setDraft(null);
      setError(null);
      return;
    }
    const failure = tryWrite(() => props.commit(draft));
    setError(failure);
    if (!failure) setDraft(null);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !props.multiline) {
      e.preventDefault();
      save();
    } else if (e.key === 'Escape' && draft !== null) {
      e.preventDefault();
      setDraft(null);
      setError(null);
    }
  };
  const describedBy = [error ? `${id}-error` : '', props.hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value: shown,
    disabled: props.disabled,
    required: props.required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: save,
    onKeyDown,
  };
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 3} />
      ) : (
        <input {...common} type={props.type ?? 'text'} min={props.min} max={props.max} />
      )}
      {props.hint && (
        <p id={`${id}-hint`} className="field-hint">
          {props.hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {messageText(t, error, props.errorLabel ?? props.label)}
        </p>
      )}
    </div>
  );
}
