import { hasBoards, type Phase } from '@plenum/shared/session-doc';
import { useT } from '../state/ui-store.ts';

/** In the moderator's phase detail: the way into the plenum view of a phase with boards. */
export function PlenumEntry({ phase, onOpen }: { phase: Phase; onOpen(): void }) {
  const t = useT();
  if (phase.groups.length === 0 || !hasBoards(phase.kind)) return null;
  const statements = phase.kind === 'statements';
  return (
    <div className="plenum-entry">
      <button type="button" onClick={onOpen} data-testid="open-plenum">
        {t(statements ? 'plenum.openStatements' : 'plenum.open')}
      </button>
      {!statements && <p className="field-hint">{t('plenum.openHint')}</p>}
    </div>
  );
}
