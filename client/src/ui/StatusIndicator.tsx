import { CLOSE } from '@plenum/shared/protocol';
import type { MessageKey } from '../i18n/dictionary.ts';
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

/** Close codes the page explains in its own words; any other shows the server's reason. */
const CLOSED_TEXT: Partial<Record<number, MessageKey>> = {
  [CLOSE.revoked]: 'closed.4401',
  [CLOSE.sessionDeleted]: 'closed.4404',
  [CLOSE.malformed]: 'closed.4400',
  [CLOSE.invalidWrite]: 'closed.4422',
};

/** Stands for the reason while the sentence around it is translated. */
const REASON_SLOT = '\u0000reason\u0000';

export function ClosedNotice({ state }: { state: SyncState }) {
  const t = useT();
  if (!state.closed) return null;
  const { code, reason } = state.closed;
  // The server gives its reason in English (docs/api.md): inside a German
  // sentence it is marked as English, so screen readers say it as such
  // (WCAG 3.1.2, language of parts). Texts without a reason have no slot.
  const [before, after] = t(CLOSED_TEXT[code] ?? 'closed.other', { reason: REASON_SLOT }).split(REASON_SLOT);
  return (
    <p role="alert" className="notice notice-error">
      {before}
      {after !== undefined && <span lang="en">{reason}</span>}
      {after}
    </p>
  );
}
