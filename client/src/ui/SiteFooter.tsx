import { OPERATOR_PAGE_NAMES, OPERATOR_PAGE_PATHS } from '../operator-pages/paths.ts';
import { useT } from '../state/ui-store.ts';

/**
 * The footer of every page: the operator's privacy notice, accessibility
 * statement and imprint, which must be reachable from everywhere (BITV 2.0).
 * Plain links: the pages need no token and open in the same tab, where the
 * browser's back button returns to the workshop.
 */
export function SiteFooter() {
  const t = useT();
  return (
    <footer className="app-footer">
      <nav aria-label={t('legal.footer.label')}>
        <ul>
          {OPERATOR_PAGE_NAMES.map((name) => (
            <li key={name}>
              <a href={OPERATOR_PAGE_PATHS[name]} aria-current={window.location.pathname === OPERATOR_PAGE_PATHS[name] ? 'page' : undefined}>
                {t(`legal.${name}.link`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </footer>
  );
}
