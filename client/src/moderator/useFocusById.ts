import { useEffect, useState } from 'react';

/**
 * Moves keyboard focus to an element by id once it is rendered. After a move,
 * add or delete the pressed button may be gone or elsewhere, so the editors
 * name the element that should have focus next and this hook focuses it after
 * the render that shows the changed `list`.
 */
export function useFocusById(list: unknown): (id: string) => void {
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId, list]);
  return setFocusId;
}
