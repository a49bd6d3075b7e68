import { useLayoutEffect, useRef, useState } from 'react';

/**
 * The same handlers object for the life of the component, each calling the
 * latest render's version of that handler. Cards are memoised and take the
 * handlers as a prop, so a new object on every board render would re-render
 * every card. Handlers run in events, after the latest render has committed.
 */
export function useStableHandlers<T extends { [K in keyof T]: (...args: never[]) => unknown }>(latest: T): T {
  const current = useRef(latest);
  useLayoutEffect(() => {
    current.current = latest;
  });
  const [stable] = useState(
    () =>
      Object.fromEntries(
        Object.keys(latest).map((name) => [name, (...args: never[]) => current.current[name as keyof T](...args)]),
      ) as T,
  );
  return stable;
}
