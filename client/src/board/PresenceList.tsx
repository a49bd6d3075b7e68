import { useT } from '../state/ui-store.ts';
import type { Peer } from './usePresence.ts';

/** Who is on this board right now. */
export function PresenceList({ peers }: { peers: Peer[] }) {
  const t = useT();
  if (peers.length === 0) return null;
  return (
    <div className="presence" data-testid="presence">
      <span className="presence-label">{t('presence.here', { count: peers.length })}</span>
      <ul className="presence-list">
        {peers.map((peer) => (
          <li key={peer.clientId} className="presence-peer">
            <span className="presence-dot" style={{ background: peer.color }} aria-hidden="true" />
            {peer.self
              ? t('presence.you', { name: peer.name || t('presence.anonymous') })
              : peer.name || t('presence.anonymous')}
          </li>
        ))}
      </ul>
    </div>
  );
}
