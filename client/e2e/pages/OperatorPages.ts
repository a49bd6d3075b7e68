import type { Locator, Page } from 'playwright-core';

// The footer every page has (privacy notice, accessibility statement,
// imprint) and the pages it leads to. Tests say "open the imprint from the
// footer"; this file knows the footer is the page's contentinfo landmark.
export type OperatorPageName = 'privacy' | 'accessibility' | 'imprint';

export const FOOTER_LINKS: Record<'de' | 'en', Record<OperatorPageName, string>> = {
  de: { privacy: 'Datenschutz', accessibility: 'Barrierefreiheit', imprint: 'Impressum' },
  en: { privacy: 'Privacy', accessibility: 'Accessibility', imprint: 'Legal notice' },
};

export const PAGE_PATHS: Record<OperatorPageName, string> = {
  privacy: '/datenschutz',
  accessibility: '/barrierefreiheit',
  imprint: '/impressum',
};

export class OperatorPages {
  constructor(readonly page: Page) {}

  get footer(): Locator {
    return this.page.getByRole('contentinfo');
  }

  /** The footer's links as the reader sees them: name and where it leads. */
  async footerLinks(): Promise<{ name: string; href: string | null }[]> {
    const links = this.footer.getByRole('link');
    const count = await links.count();
    const found: { name: string; href: string | null }[] = [];
    for (let i = 0; i < count; i++) {
      found.push({ name: (await links.nth(i).innerText()).trim(), href: await links.nth(i).getAttribute('href') });
    }
    return found;
  }

  /** Follows a footer link by keyboard (focus, Enter) and waits for the page's text. */
  async openFromFooter(linkName: string): Promise<void> {
    await this.footer.getByRole('link', { name: linkName, exact: true }).focus();
    await this.page.keyboard.press('Enter');
    await this.text.waitFor();
  }

  async open(baseUrl: string, name: OperatorPageName): Promise<void> {
    await this.page.goto(`${baseUrl}${PAGE_PATHS[name]}`);
    await this.text.waitFor();
  }

  get title(): Locator {
    return this.page.getByRole('main').getByRole('heading', { level: 1 });
  }

  /** The operator's text (or Plenum's default). */
  get text(): Locator {
    return this.page.getByTestId('operator-page-text');
  }

  /** The notice that the operator has not filled the page in. */
  get unfilled(): Locator {
    return this.page.getByTestId('operator-page-unfilled');
  }

  async setLanguage(locale: 'de' | 'en'): Promise<void> {
    await this.page.locator('.language-switch select').selectOption(locale);
  }
}
