import type { Message } from '../i18n/message.ts';
import { messageText } from '../i18n/message.ts';
import { useT } from '../state/ui-store.ts';

/** A refused write's reason, worded in the language shown now, announced once when it appears. */
export function FieldError({ error, fieldLabel }: { error: Message | null; fieldLabel?: string }) {
  const t = useT();
  return error ? (
    <p role="alert" className="field-error">
      {messageText(t, error, fieldLabel)}
    </p>
  ) : null;
}
