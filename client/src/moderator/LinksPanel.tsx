import { useEffect, useId, useRef, useState } from 'react';
import type { Role } from '@plenum/shared/protocol';
import type { Phase } from '@plenum/shared/session-doc';
import type { MessageKey } from '../i18n/dictionary.ts';
import { errorMessage } from '../i18n/errors.ts';
import { messageText, type Message } from '../i18n/message.ts';
import { groupLink } from '../session-link.ts';
import { useT } from '../state/ui-store.ts';
import type { Links } from '../sync/api.ts';
import { useConfirm } from './ConfirmDialog.tsx';
import { forgetKeyNoticeSeen } from './KeyNotice.tsx';
import { fetchLinks, regenerateLink, type SessionRef } from './moderator-api.ts';
import { QrCode } from './QrCode.tsx';

// Roles and links: the moderator's own link (their key), one participant link
// per group of each group-work phase (for the Zoom breakout rooms), the
// general participant link and the read-only viewer link for the projector.

export function LinksPanel({ sessionRef, phases }: { sessionRef: SessionRef; phases: Phase[] }) {
  const t = useT();
  const [links, setLinks] = useState<Links | null>(null);
  // The failure itself, put into words when shown (in the language shown then).
  const [error, setError] = useState<{ cause: unknown } | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);
  const [confirm, dialog] = useConfirm();
  const { sessionId, token } = sessionRef;

  useEffect(() => {
    let live = true;
    fetchLinks({ sessionId, token }).then(
      (l) => live && setLinks(l),
      (e: unknown) => live && setError({ cause: e }),
    );
    return () => {
      live = false;
    };
  }, [sessionId, token]);

  async function regenerate(role: Role) {
    const ok = await confirm({
      title: t('moderator.links.regenerateTitle', { role: t(`moderator.role.${role}`) }),
      message: t(role === 'moderator' ? 'moderator.links.regenerateOwnMessage' : 'moderator.links.regenerateMessage'),
      confirmLabel: t('moderator.links.regenerate'),
    });
    if (!ok) return;
    try {
      const { link } = await regenerateLink(sessionRef, role);
      if (role === 'moderator') {
        // The old moderator link is dead: continue with the new one (and do not
        // leave the old one in the history).
        forgetKeyNoticeSeen(sessionId);
        window.location.replace(link);
        return;
      }
      setLinks((old) => (old ? { ...old, [role]: link } : old));
      setNotice({ key: 'moderator.links.regenerated', params: { role: { key: `moderator.role.${role}` } } });
    } catch (e) {
      setNotice({ cause: e });
    }
  }

  const groupPhases = phases
    .map((phase, index) => ({ phase, number: index + 1 }))
    .filter(({ phase }) => phase.kind === 'groupwork' && phase.groups.length > 0);

  return (
    <section className="links-panel" aria-labelledby="links-heading">
      <h2 id="links-heading">{t('moderator.links.heading')}</h2>
      <p className="panel-status" role="status">
        {notice && messageText(t, notice)}
      </p>
      {error && (
        <p role="alert" className="notice notice-error">
          {t('moderator.links.loadFailed')} {errorMessage(t, error.cause)}
        </p>
      )}
      {!links && !error && <p aria-busy="true">{t('loading')}</p>}
      {links && (
        <>
          <section className="links-group" aria-labelledby="links-moderator">
            <h3 id="links-moderator">{t('moderator.role.moderator')}</h3>
            <p className="notice notice-key">{t('moderator.keyNotice')}</p>
            <LinkRow label={t('moderator.links.moderatorLink')} url={links.moderator} />
            <button type="button" className="secondary" onClick={() => void regenerate('moderator')}>
              {t('moderator.links.regenerateOwn')}
            </button>
          </section>

          <section className="links-group" aria-labelledby="links-groups">
            <h3 id="links-groups">{t('moderator.links.groupLinks')}</h3>
            <p>{t('moderator.links.groupLinksHint')}</p>
            {groupPhases.length === 0 && <p>{t('moderator.links.noGroups')}</p>}
            {groupPhases.map(({ phase, number }) => (
              <section key={phase.id} className="links-phase" aria-labelledby={`links-phase-${phase.id}`}>
                <h4 id={`links-phase-${phase.id}`}>
                  {t('moderator.phaseNumber', { n: number })}: {phase.title}
                </h4>
                {phase.groups.map((group) => (
                  <LinkRow
                    key={group.id}
                    label={t('moderator.links.groupLabel', { n: number, group: group.name })}
                    hint={group.composition}
                    url={groupLink(links.participant, group.id)}
                  />
                ))}
              </section>
            ))}
          </section>

          <section className="links-group" aria-labelledby="links-participant">
            <h3 id="links-participant">{t('moderator.role.participant')}</h3>
            <p>{t('moderator.links.participantHint')}</p>
            <LinkRow label={t('moderator.links.participantLink')} url={links.participant} />
            <button type="button" className="secondary" onClick={() => void regenerate('participant')}>
              {t('moderator.links.regenerateParticipant')}
            </button>
          </section>

          <section className="links-group" aria-labelledby="links-viewer">
            <h3 id="links-viewer">{t('moderator.role.viewer')}</h3>
            <p>{t('moderator.links.viewerHint')}</p>
            <LinkRow label={t('moderator.links.viewerLink')} url={links.viewer} />
            <button type="button" className="secondary" onClick={() => void regenerate('viewer')}>
              {t('moderator.links.regenerateViewer')}
            </button>
          </section>
        </>
      )}
      {dialog}
    </section>
  );
}

/** One link: read-only field, copy button, QR code on demand. */
function LinkRow({ label, url, hint }: { label: string; url: string; hint?: string }) {
  const t = useT();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<MessageKey | null>(null);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setStatus('moderator.links.copied');
    } catch {
      // Without clipboard access: select the text so Ctrl+C copies it.
      input.current?.focus();
      input.current?.select();
      setStatus('moderator.links.copyFallback');
    }
  }

  return (
    <div className="link-row">
      <label htmlFor={id}>{label}</label>
      {hint && <p className="field-hint" id={`${id}-hint`}>{hint}</p>}
      <div className="link-line">
        <input
          id={id}
          ref={input}
          className="link-input"
          type="text"
          readOnly
          value={url}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" onClick={() => void copy()} aria-label={t('moderator.links.copyLabel', { label })}>
          {t('moderator.links.copy')}
        </button>
      </div>
      <p className="link-status" role="status">
        {status && t(status)}
      </p>
      <details className="link-qr">
        <summary>
          {t('moderator.links.showQr')}
          <span className="visually-hidden">: {label}</span>
        </summary>
        <QrCode value={url} label={t('moderator.links.qrLabel', { label })} />
      </details>
    </div>
  );
}
