import { useEffect, useState } from 'react';
import { errorMessage } from '../i18n/errors.ts';
import { useT, useUi } from '../state/ui-store.ts';
import { api } from '../sync/api.ts';
import { Page } from '../ui/Page.tsx';
import type { OperatorPageName } from './paths.ts';
import './operator-pages.css';

/** GET /api/pages/:page (docs/api.md). */
interface PageAnswer {
  page: OperatorPageName;
  /** The language of the text: the other one when the operator wrote only that. */
  lang: 'de' | 'en';
  /** False: Plenum's default, which the operator has not filled in. */
  configured: boolean;
  html: string;
}

/** The operator's privacy notice, accessibility statement or imprint, in the reader's language where there is one. */
export function OperatorPage({ page }: { page: OperatorPageName }) {
  const t = useT();
  const locale = useUi((s) => s.locale);
  const [answer, setAnswer] = useState<PageAnswer | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const title = t(`legal.${page}.title`);
  const appName = t('app.name');

  useEffect(() => {
    const before = document.title;
    document.title = `${title} – ${appName}`;
    return () => {
      document.title = before;
    };
  }, [title, appName]);

  useEffect(() => {
    let live = true;
    api<PageAnswer>(`/pages/${page}?lang=${locale}`).then(
      (loaded) => {
        if (!live) return;
        setFailure(null);
        setAnswer(loaded);
      },
      (error: unknown) => live && setFailure(error),
    );
    return () => {
      live = false;
    };
  }, [page, locale]);

  let body;
  if (failure) body = <p role="alert" className="notice notice-error">{errorMessage(t, failure)}</p>;
  else if (!answer) body = <p aria-busy="true">{t('loading')}</p>;
  else {
    body = (
      <>
        {!answer.configured && (
          <p className="notice operator-page-unfilled" data-testid="operator-page-unfilled">
            {t('legal.notConfigured')}
          </p>
        )}
        {answer.lang !== locale && <p className="notice">{t(`legal.onlyIn.${answer.lang}`)}</p>}
        {/* The server renders the operator's Markdown without raw HTML, images or script links
            (server/src/operator-pages.ts), from files only the operator can write. */}
        <div className="operator-page-text" lang={answer.lang} data-testid="operator-page-text" dangerouslySetInnerHTML={{ __html: answer.html }} />
      </>
    );
  }
  return (
    <Page>
      <div className="operator-page">
        <h1>{title}</h1>
        {body}
      </div>
    </Page>
  );
}
