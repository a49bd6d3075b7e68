import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { buildProtocol, storedSummaries, type ProtocolOptions } from '@plenum/shared/protocol-draft/build';
import type { ProtocolTree } from '@plenum/shared/protocol-draft/tree';

// The protocol draft as the server would export it now, rebuilt in the
// browser whenever the session or a board changes: the moderator's live
// preview. The same model builds both (shared/src/protocol-draft/), so the
// preview and the downloaded files cannot disagree on structure.

/** How long to gather changes before building again: typing in a note rebuilds at most this often. */
const REBUILD_MS = 250;

export function useLiveProtocol(
  session: Y.Doc,
  boards: ReadonlyMap<string, Y.Doc>,
  options: ProtocolOptions,
): ProtocolTree {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const changed = () => {
      timer ??= setTimeout(() => {
        timer = null;
        setVersion((v) => v + 1);
      }, REBUILD_MS);
    };
    const docs = [session, ...boards.values()];
    for (const doc of docs) doc.on('update', changed);
    return () => {
      for (const doc of docs) doc.off('update', changed);
      if (timer) clearTimeout(timer);
    };
  }, [session, boards]);
  // `version` stands for the documents' content, which useMemo cannot see.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => buildProtocol({ session, boards, summaries: storedSummaries(session) }, options), [session, boards, options, version]);
}
