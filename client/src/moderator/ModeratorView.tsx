import { lazy, Suspense, useState } from 'react';
import { sessionRoom } from '@plenum/shared/protocol';
import { readSession, type SessionMeta } from '@plenum/shared/session-doc';
import { PlenumEntry } from '../plenum/PlenumEntry.tsx';
import { PresentationStatus } from '../plenum/PresentationStatus.tsx';
import type { SessionLink } from '../session-link.ts';
import { useT, useUi } from '../state/ui-store.ts';
import { useDocView, useSyncedDoc, useSyncState } from '../sync/hooks.ts';
import { Page } from '../ui/Page.tsx';
import { PhaseTimer } from '../ui/PhaseTimer.tsx';
import { ProtocolView } from '../protocol/ProtocolView.tsx';
import { ClosedNotice, StatusIndicator } from '../ui/StatusIndicator.tsx';
import { AgendaEditor } from './AgendaEditor.tsx';
import { DeleteSession } from './DeleteSession.tsx';
import { GroupOverview } from './GroupOverview.tsx';
import { KeyNotice } from './KeyNotice.tsx';
import { LinksPanel } from './LinksPanel.tsx';
import { MetaEditor } from './MetaEditor.tsx';
import './moderator.css';
import { PhaseEditor } from './PhaseEditor.tsx';
import { RunPanel } from './RunPanel.tsx';

// Loaded when first opened: it brings the similarity stemmer and the drag code
// that the rest of the moderator's screen (and every participant) can do without.
const PlenumView = lazy(() => import('../plenum/PlenumView.tsx').then((m) => ({ default: m.PlenumView })));

// The moderator's screen: the agenda with the chosen phase (run it, see the
// groups' boards, edit it), the links for roles and breakout rooms, and the
// workshop's data. The moderator writes the session document directly.

type View = 'agenda' | 'protocol' | 'links' | 'workshop';
const VIEWS: readonly View[] = ['agenda', 'protocol', 'links', 'workshop'];

export function ModeratorView({ link }: { link: SessionLink & { token: string } }) {
  const t = useT();
  const sync = useSyncedDoc(sessionRoom(link.sessionId), link.token);
  const state = useSyncState(sync);
  const session = useDocView(sync?.doc, readSession);
  const [view, setView] = useState<View>('agenda');
  const [selected, setSelected] = useState<string | null>(null);
  const [plenumId, setPlenumId] = useState<string | null>(null);
  const [deleted, setDeleted] = useState(false);
  const sessionRef = { sessionId: link.sessionId, token: link.token };

  if (deleted) {
    return (
      <Page>
        <h1>{t('moderator.deleteSession.doneHeading')}</h1>
        <p role="status">{t('moderator.deleteSession.done')}</p>
        <p>
          <a href="/">{t('moderator.deleteSession.home')}</a>
        </p>
      </Page>
    );
  }

  const ready = sync && session && state.synced;
  const phases = session?.phases ?? [];
  const currentId = session?.meta.currentPhaseId ?? null;
  const current = phases.find((p) => p.id === currentId) ?? null;
  const selectedPhase = phases.find((p) => p.id === selected) ?? current ?? phases[0] ?? null;
  const selectedNumber = selectedPhase ? phases.indexOf(selectedPhase) + 1 : 0;
  const plenumPhase = phases.find((p) => p.id === plenumId) ?? null;

  return (
    <Page status={<StatusIndicator state={state} />}>
      <ClosedNotice state={state} />
      {!ready ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : (
        <div className="moderator">
          <header className="moderator-head">
            <div>
              <h1 className="session-title">{session.meta.title}</h1>
              <SessionLine meta={session.meta} />
            </div>
            {current && current.status === 'open' && (
              <p className="now-running" data-testid="now-running">
                <span>
                  {t('moderator.now', { n: phases.indexOf(current) + 1, title: current.title })}
                </span>
                <PhaseTimer timer={current.timer} />
              </p>
            )}
          </header>
          <PresentationStatus doc={sync.doc} phases={phases} />
          {/* A renewed moderator link is a new key to keep: ask again. */}
          <KeyNotice key={link.token} sessionId={link.sessionId} onShowLinks={() => setView('links')} />
          <nav className="moderator-nav" aria-label={t('moderator.nav.label')}>
            <ul>
              {VIEWS.map((v) => (
                <li key={v}>
                  <button
                    type="button"
                    className={view === v ? 'nav-active' : 'secondary'}
                    aria-current={view === v ? 'page' : undefined}
                    onClick={() => setView(v)}
                  >
                    {t(`moderator.nav.${v}`)}
                  </button>
                </li>
              ))}
            </ul>
          </nav>

          {view === 'agenda' && plenumPhase && (
            <Suspense fallback={<p aria-busy="true">{t('loading')}</p>}>
              <PlenumView doc={sync.doc} sessionRef={sessionRef} phase={plenumPhase} onClose={() => setPlenumId(null)} />
            </Suspense>
          )}
          {view === 'agenda' && !plenumPhase && (
            <div className="agenda-layout">
              <AgendaEditor
                doc={sync.doc}
                phases={phases}
                currentPhaseId={currentId}
                selectedId={selectedPhase?.id ?? null}
                onSelect={setSelected}
              />
              {selectedPhase && (
                <div className="phase-detail" key={selectedPhase.id}>
                  <h2 className="phase-detail-title">
                    {t('moderator.phaseNumber', { n: selectedNumber })}: {selectedPhase.title}
                  </h2>
                  <RunPanel doc={sync.doc} sessionRef={sessionRef} phase={selectedPhase} current={current} />
                  <PlenumEntry phase={selectedPhase} onOpen={() => setPlenumId(selectedPhase.id)} />
                  <GroupOverview sessionRef={sessionRef} phase={selectedPhase} />
                  <PhaseEditor doc={sync.doc} phase={selectedPhase} number={selectedNumber} sessionRef={sessionRef} />
                </div>
              )}
            </div>
          )}
          {view === 'protocol' && <ProtocolView doc={sync.doc} sessionRef={sessionRef} phases={phases} />}
          {view === 'links' && <LinksPanel sessionRef={sessionRef} phases={phases} />}
          {view === 'workshop' && (
            <div className="workshop-layout">
              <MetaEditor doc={sync.doc} meta={session.meta} />
              <DeleteSession sessionRef={sessionRef} title={session.meta.title} onDeleted={() => setDeleted(true)} />
            </div>
          )}
        </div>
      )}
    </Page>
  );
}

function SessionLine({ meta }: { meta: SessionMeta }) {
  const locale = useUi((s) => s.locale);
  const parts: string[] = [];
  if (meta.date) {
    const [y, m, d] = meta.date.split('-').map(Number);
    const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
    parts.push(new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date));
  }
  if (meta.startTime) parts.push(meta.endTime ? `${meta.startTime}–${meta.endTime}` : meta.startTime);
  if (meta.place) parts.push(meta.place);
  return (
    <>
      {meta.subtitle && <p className="session-subtitle">{meta.subtitle}</p>}
      {parts.length > 0 && <p className="session-when">{parts.join(' · ')}</p>}
    </>
  );
}
