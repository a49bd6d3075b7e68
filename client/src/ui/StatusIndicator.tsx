import { CLOSE } from '@plenum/shared/protocol';
import type { SyncState } from '../sync/connection.ts';
import { useT } from '../state/ui-store.ts';

/** Online / connecting / offline, and "gespeichert" once the server holds every local change. */
export function StatusIndicator({ state, readOnly = false }: { state: SyncState; readOnly?: boolean }) {
  const t = useT();
  const label = t(`status.${state.status}`);
  return (
    <div className={`status status-${state.status}`} role="status" aria-live="polite" data-testid="connection-status">
      <span className="status-dot" aria-hidden="true" />
      <span>{label}</span>
      {readOnly ? (
        <span className="status-saved">· {t('status.readOnly')}</span>
      ) : (
        (state.synced || state.restored) && (
          <span className="status-saved" data-testid="saved-status" data-saved={state.saved ? 'true' : 'false'}>
            · {state.saved ? t('status.saved') : t('status.saving')}
          </span>
        )
      )}
    </div>
  );
}

export function ClosedNotice({ state }: { state: SyncState }) {
  const t = useT();
  if (!state.closed) return null;
  const { code, reason } = state.closed;
  const text =
    code === CLOSE.revoked ? t('closed.4401') : code === CLOSE.sessionDeleted ? t('closed.4404') : code === CLOSE.malformed ? t('closed.4400') : t('closed.other', { reason });
  return (
    <p role="alert" className="notice notice-error">
      {text}
    </p>
  );
}
