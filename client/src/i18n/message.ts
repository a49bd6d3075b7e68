import type { Translate } from '../state/ui-store.ts';
import type { MessageKey } from './dictionary.ts';
import { errorMessage } from './errors.ts';

// A notice or error kept in React state is kept as what to say, not as words:
// its key and params, or the failure itself. It is put into words when shown,
// so switching the language re-words every notice already on screen.

/** What a key says, with its params; a param may itself be one (a role's name, a move's target). */
export interface KeyMessage {
  key: MessageKey;
  params?: Record<string, MessageParam>;
}
export type MessageParam = string | number | KeyMessage;

export type Message =
  | KeyMessage
  /** A refused write or request; `label` names the field the user touched. */
  | { cause: unknown; label?: MessageKey };

/** The words of a message in the language `t` speaks; `fieldLabel` (already in words) overrides the message's label. */
export function messageText(t: Translate, message: Message, fieldLabel?: string): string {
  if ('key' in message) {
    const params = Object.fromEntries(
      Object.entries(message.params ?? {}).map(([name, value]) => [name, typeof value === 'object' ? messageText(t, value) : value]),
    );
    return t(message.key, params);
  }
  return errorMessage(t, message.cause, fieldLabel ?? (message.label ? t(message.label) : undefined));
}
