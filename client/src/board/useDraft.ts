import { useCallback, useState } from 'react';

// A card being typed but not yet added survives a reload or a phase switch:
// it is kept in sessionStorage (this tab only) under the column it belongs to.

const PREFIX = 'plenum.draft.';

function read(key: string): string {
  try {
    return sessionStorage.getItem(PREFIX + key) ?? '';
  } catch {
    return '';
  }
}

export function useDraft(key: string): [string, (text: string) => void] {
  const [state, setState] = useState(() => ({ key, text: read(key) }));
  const text = state.key === key ? state.text : read(key);
  const setText = useCallback(
    (next: string) => {
      setState({ key, text: next });
      try {
        if (next) sessionStorage.setItem(PREFIX + key, next);
        else sessionStorage.removeItem(PREFIX + key);
      } catch {
        // storage blocked: the draft lives in memory only
      }
    },
    [key],
  );
  return [text, setText];
}
