import { useCallback } from 'react';
import type * as Y from 'yjs';
import { readPresentation, stopPresenting } from '@plenum/shared/presentation';
import type { Phase } from '@plenum/shared/session-doc';
import { readSummary } from '@plenum/shared/summary-doc';
import { messageText } from '../i18n/message.ts';
import { useT } from '../state/ui-store.ts';
import { useDocView } from '../sync/hooks.ts';
import { describePresentation } from './presentation-label.ts';

// On the moderator's page, whatever view is open: what every participant and
// viewer sees right now, and the button that ends it.
export function PresentationStatus({ doc, phases }: { doc: Y.Doc; phases: readonly Phase[] }) {
  const t = useT();
  const describe = useCallback(
    (d: Y.Doc) => {
      const p = readPresentation(d);
      return p ? messageText(t, describePresentation(p, phases, readSummary(d, p.phaseId).items)) : null;
    },
    [t, phases],
  );
  const label = useDocView(doc, describe);
  if (label === null) return null;
  return (
    <div className="presentation-status" role="status" data-testid="presentation-status">
      <span>
        <strong>{t('presenting.everyone')}</strong> {label}
      </span>
      <button type="button" className="secondary" onClick={() => stopPresenting(doc)}>
        {t('presenting.stop')}
      </button>
    </div>
  );
}
