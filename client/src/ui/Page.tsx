import type { ReactNode } from 'react';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { SiteFooter } from './SiteFooter.tsx';
import { useT } from '../state/ui-store.ts';

/** The frame of every view: a header with the app name and language, main content, and the footer's legal links. */
export function Page({ children, status }: { children: ReactNode; status?: ReactNode }) {
  const t = useT();
  return (
    <>
      <header className="app-header">
        <span className="app-name">{t('app.name')}</span>
        <div className="app-header-end">
          {status}
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="app-main">
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
