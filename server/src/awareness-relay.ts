import type { Awareness } from 'y-protocols/awareness';

// Which awareness changes a room tells its other peers (docs/sync-spec.md,
// S12). The stock client starts every document with the state {} and renews
// it every 15 s, whether the page shows presence or not; forwarded to
// everyone, the session room of a workshop of 300 cost the server a tenth of
// a core for frames nobody reads (docs/benchmarks.md, "Awareness nobody
// reads"). A state with nothing in it is told to nobody but its sender. The
// others are told of a state with something in it, and of its end (a
// removal, or a return to empty) once they were told of it; a joiner is sent
// the states with something in them.

function isEmpty(state: unknown): boolean {
  return typeof state === 'object' && state !== null && Object.keys(state).length === 0;
}

export class AwarenessRelay {
  /** Client ids the other peers were told a state with something in it for, and not yet its end. */
  private readonly shown = new Set<number>();

  constructor(private readonly awareness: Awareness) {}

  /** Of the client ids an update changed (added, updated or removed; applied already), those to tell the other peers. */
  toOthers(changed: readonly number[]): number[] {
    const states = this.awareness.getStates();
    const told: number[] = [];
    for (const id of changed) {
      const state = states.get(id);
      if (state !== undefined && !isEmpty(state)) {
        this.shown.add(id);
        told.push(id);
      } else if (this.shown.delete(id)) {
        told.push(id); // its end: they were told of it
      }
    }
    return told;
  }

  /** The client ids whose states a joining peer is sent. */
  forJoiner(): number[] {
    return [...this.awareness.getStates()].filter(([, state]) => !isEmpty(state)).map(([id]) => id);
  }
}
