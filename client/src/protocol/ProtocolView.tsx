import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { DEFAULT_PROTOCOL_OPTIONS, type ProtocolOptions } from '@plenum/shared/protocol-draft/build';
import type { Lang } from '@plenum/shared/protocol-draft/tree';
import type { Phase } from '@plenum/shared/session-doc';
import { errorMessage } from '../i18n/errors.ts';
import { EXPORT_FORMATS, exportProtocol, prepareExport, type ExportFormat, type SessionRef } from '../moderator/moderator-api.ts';
import { useT, useUi } from '../state/ui-store.ts';
import { BoardSources } from './BoardSources.tsx';
import { NoteEditor } from './NoteEditor.tsx';
import { ProtocolPreview } from './ProtocolPreview.tsx';
import './protocol.css';
import { useLiveProtocol } from './useLiveProtocol.ts';

// The moderator's "Protokoll" view: the protocol draft as it stands, live,
// with the options of the export and a download per format. The files are
// rendered by the server from the stored documents (docs/api.md, export); the
// preview is built here by the same model from the documents this page holds.

type Flag = 'authors' | 'dots' | 'unmergedCards' | 'sources';
const FLAGS: readonly Flag[] = ['authors', 'dots', 'unmergedCards', 'sources'];

/**
 * How often the open view asks the server to keep its rendering thread: the
 * thread ends after a minute without an export (docs/deploy.md), and a DOCX
 * or PDF asked for soon after would wait for it to start again.
 */
const PREPARE_EVERY_MS = 45_000;

/** While the view is open and visible, keeps the server ready to render its DOCX and PDF (docs/api.md). */
function usePreparedExport(sessionRef: SessionRef): void {
  const { sessionId, token } = sessionRef;
  useEffect(() => {
    const prepare = () => {
      // Only a help: an export works without it, so a failure is not shown.
      if (document.visibilityState === 'visible') prepareExport({ sessionId, token }).catch(() => {});
    };
    prepare();
    const timer = setInterval(prepare, PREPARE_EVERY_MS);
    document.addEventListener('visibilitychange', prepare);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', prepare);
    };
  }, [sessionId, token]);
}

export function ProtocolView({ doc, sessionRef, phases }: { doc: Y.Doc; sessionRef: SessionRef; phases: readonly Phase[] }) {
  const t = useT();
  const locale = useUi((s) => s.locale);
  const id = useId();
  const [options, setOptions] = useState<ProtocolOptions>({ ...DEFAULT_PROTOCOL_OPTIONS, lang: locale });
  const [boards, setBoards] = useState<ReadonlyMap<string, Y.Doc>>(new Map());
  const [status, setStatus] = useState<{ busy: ExportFormat | null; error: string | null }>({ busy: null, error: null });
  const onDoc = useCallback((key: string, board: Y.Doc | null) => {
    setBoards((current) => {
      if ((current.get(key) ?? null) === board) return current;
      const next = new Map(current);
      if (board) next.set(key, board);
      else next.delete(key);
      return next;
    });
  }, []);
  const tree = useLiveProtocol(doc, boards, options);
  usePreparedExport(sessionRef);
  const set = useMemo(() => (patch: Partial<ProtocolOptions>) => setOptions((o) => ({ ...o, ...patch })), []);

  const save = async (format: ExportFormat) => {
    setStatus({ busy: format, error: null });
    try {
      const file = await exportProtocol(sessionRef, format, options);
      const url = URL.createObjectURL(file.blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = file.fileName;
      document.body.append(link);
      link.click();
      link.remove();
      // The download has its own copy by now.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setStatus({ busy: null, error: null });
    } catch (error) {
      setStatus({ busy: null, error: errorMessage(t, error) });
    }
  };

  return (
    <div className="protocol-layout">
      <BoardSources sessionRef={sessionRef} phases={phases} onDoc={onDoc} />
      <div className="protocol-side">
        <section className="protocol-controls" aria-labelledby={`${id}-heading`}>
          <h2 id={`${id}-heading`}>{t('protocol.heading')}</h2>
          <p className="field-hint">{t('protocol.intro')}</p>
          <fieldset className="options">
            <legend>{t('protocol.options')}</legend>
            {FLAGS.map((flag) => (
              <div className="checkbox" key={flag}>
                <input id={`${id}-${flag}`} type="checkbox" checked={options[flag]} onChange={(e) => set({ [flag]: e.target.checked })} />
                <label htmlFor={`${id}-${flag}`}>{t(`protocol.option.${flag}`)}</label>
              </div>
            ))}
            <div className="field">
              <label htmlFor={`${id}-lang`}>{t('protocol.option.lang')}</label>
              <select id={`${id}-lang`} value={options.lang} onChange={(e) => set({ lang: e.target.value as Lang })}>
                <option value="de">{t('language.de')}</option>
                <option value="en">{t('language.en')}</option>
              </select>
            </div>
          </fieldset>
          <h3>{t('protocol.download')}</h3>
          <ul className="protocol-downloads">
            {EXPORT_FORMATS.map((format) => (
              <li key={format}>
                <button type="button" className="secondary" disabled={status.busy !== null} onClick={() => void save(format)}>
                  {t(`protocol.format.${format}`)}
                </button>
              </li>
            ))}
          </ul>
          <p role="status" className={status.error ? 'field-error' : 'field-hint'}>
            {status.error ?? (status.busy ? t('protocol.preparing') : '')}
          </p>
        </section>
        <section className="protocol-notes" aria-labelledby={`${id}-notes`}>
          <h2 id={`${id}-notes`}>{t('protocol.notes')}</h2>
          <p className="field-hint">{t('protocol.notes.intro')}</p>
          {phases.map((phase, i) => (
            <NoteEditor key={phase.id} doc={doc} phase={phase} number={i + 1} lang={options.lang} />
          ))}
        </section>
      </div>
      <section className="protocol-preview-panel" aria-labelledby={`${id}-preview`}>
        <h2 id={`${id}-preview`}>{t('protocol.preview')}</h2>
        <ProtocolPreview tree={tree} labelledBy={`${id}-preview`} />
      </section>
    </div>
  );
}
