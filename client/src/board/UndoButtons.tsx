import { useT } from '../state/ui-store.ts';
import { RedoIcon, UndoIcon } from './Icons.tsx';
import type { Undo } from './useUndo.ts';

export function UndoButtons({ undo }: { undo: Undo }) {
  const t = useT();
  return (
    <div className="undo-buttons">
      <button type="button" className="secondary undo-button" aria-disabled={!undo.canUndo} onClick={undo.undo} title={t('undo.undoKeys')}>
        <UndoIcon />
        {t('undo.undo')}
      </button>
      <button type="button" className="secondary redo-button" aria-disabled={!undo.canRedo} onClick={undo.redo} title={t('undo.redoKeys')}>
        <RedoIcon />
        {t('undo.redo')}
      </button>
    </div>
  );
}
