import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/**
 * A number that changes after every transaction that changed `doc`: for views
 * that read the document together with other state (the summary reads the
 * session document and the groups' boards), where useDocView's single reader
 * does not fit.
 */
export function useDocVersion(doc: Y.Doc): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    doc.on('update', bump);
    return () => doc.off('update', bump);
  }, [doc]);
  return version;
}
