import { useSyncExternalStore } from 'react';

// Wide enough to show every group's board side by side next to the summary.
// Below it the plenum view shows one board at a time (chosen with buttons).
const WIDE = '(min-width: 64rem)';

function subscribe(listener: () => void): () => void {
  const query = window.matchMedia(WIDE);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

export function useWideScreen(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(WIDE).matches);
}
