import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOperatorPages, OperatorPagesError } from '../src/operator-pages.ts';
import { api, startServer, tempDir } from './helpers.ts';

// The operator's pages (docs/deploy.md, "Operator pages"): GET /api/pages/:page
// answers anyone, with Plenum's default until the operator's file replaces it;
// a bad OPERATOR_PAGES_DIR is refused when the pages are loaded, at start.

interface PageAnswer {
  page: string;
  lang: string;
  configured: boolean;
  html: string;
}

function pagesDir(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

async function page(url: string, name: string, lang?: string): Promise<PageAnswer> {
  const res = await api(url, 'GET', `/api/pages/${name}${lang ? `?lang=${lang}` : ''}`);
  expect(res.status, res.text).toBe(200);
  return res.body as PageAnswer;
}

describe('operator pages: the defaults', () => {
  it('answers without a token: privacy, accessibility and imprint in German and English, marked as not filled in', async () => {
    const server = await startServer();
    for (const name of ['privacy', 'accessibility', 'imprint']) {
      for (const lang of ['de', 'en']) {
        const answer = await page(server.url, name, lang);
        expect(answer).toMatchObject({ page: name, lang, configured: false });
        // What only the operator can say is a visible gap, never an invented fact.
        expect(answer.html).toMatch(/<strong>\[[^\]]+\]<\/strong>/);
        expect(answer.html).not.toContain('[[');
      }
    }
    expect((await page(server.url, 'privacy')).lang).toBe('de'); // German without ?lang
  });

  it('the default privacy notice says what Plenum stores and the retention this server is configured with', async () => {
    const kept = await startServer();
    const de = (await page(kept.url, 'privacy', 'de')).html;
    expect(de).toContain('keine Cookies');
    expect(de).toContain('IP-Adressen weder in die Datenbank noch in seine Protokolldateien');
    expect(de).toContain('bis die Moderation ihn löscht');

    const limited = await startServer({ retentionDays: 30 });
    expect((await page(limited.url, 'privacy', 'de')).html).toContain('jeden Workshop 30 Tage nach seiner Erstellung');
    expect((await page(limited.url, 'privacy', 'en')).html).toContain('each workshop completely 30 days after it was created');
  });

  it('the default accessibility statement has the feedback contact and the conciliation body under § 16 BGG', async () => {
    const server = await startServer();
    const de = (await page(server.url, 'accessibility', 'de')).html;
    expect(de).toContain('<h2>Barrieren melden: Feedback und Kontakt</h2>');
    expect(de).toContain('Kontakt für Rückmeldungen zur Barrierefreiheit');
    expect(de).toContain('Schlichtungsstelle nach § 16 des Behindertengleichstellungsgesetzes');
    expect(de).toContain('<a href="https://www.schlichtungsstelle-bgg.de">');
    expect((await page(server.url, 'accessibility', 'en')).html).toContain('section 16 of the German Disability Equality Act');
  });

  it('an unknown page is 404 not_found, an unknown language 400 invalid with field lang', async () => {
    const server = await startServer();
    const unknown = await api(server.url, 'GET', '/api/pages/agb');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'not_found' } });
    const french = await api(server.url, 'GET', '/api/pages/privacy?lang=fr');
    expect(french.status).toBe(400);
    expect(french.body).toMatchObject({ error: { code: 'invalid', field: 'lang' } });
  });
});

describe('operator pages: the operator’s texts', () => {
  it('serves a configured file as safe HTML: raw HTML escaped, no script link, no image, its # heading below the page title', async () => {
    const dir = pagesDir({
      'privacy.de.md': [
        '# Datenschutzerklärung des Jugendamts',
        '',
        'Verantwortlich: Stadt Musterstadt, Jugendamt <script>alert(1)</script> <img src=x onerror=alert(2)>',
        '',
        '[Klick](javascript:alert(3)) ![Logo](https://cdn.example/logo.png) [Aufsicht](https://ldi.example/)',
        '',
        '{{retention}}',
      ].join('\n'),
    });
    const server = await startServer({ operatorPages: loadOperatorPages(dir), retentionDays: 7 });
    const answer = await page(server.url, 'privacy', 'de');
    expect(answer).toMatchObject({ page: 'privacy', lang: 'de', configured: true });
    expect(answer.html).toContain('<h2>Datenschutzerklärung des Jugendamts</h2>');
    expect(answer.html).not.toContain('<h1');
    expect(answer.html).toContain('Jugendamt &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;');
    expect(answer.html).not.toMatch(/<script|<img|href="javascript/i);
    expect(answer.html).toContain('[Klick](javascript:alert(3))'); // left as text, not made a link
    expect(answer.html).toContain('<a href="https://ldi.example/">Aufsicht</a>');
    expect(answer.html).toContain('jeden Workshop 7 Tage nach seiner Erstellung');
  });

  it('a page the operator wrote in one language is served in it for the other too (lang says which); pages not written stay defaults', async () => {
    const dir = pagesDir({ 'imprint.de.md': '## Anbieter\n\nStadt Musterstadt\n', 'README.txt': 'Notizen der IT' });
    const server = await startServer({ operatorPages: loadOperatorPages(dir) });
    expect(await page(server.url, 'imprint', 'en')).toMatchObject({ lang: 'de', configured: true });
    expect((await page(server.url, 'imprint', 'en')).html).toContain('Stadt Musterstadt');
    expect(await page(server.url, 'privacy', 'en')).toMatchObject({ lang: 'en', configured: false });
    expect(loadOperatorPages(dir).missing()).toEqual(['privacy', 'accessibility']);
  });

  it.each([
    ['a missing directory', () => path.join(tempDir(), 'fehlt'), /cannot read the directory .*fehlt: ENOENT/],
    ['a file instead of a directory', () => path.join(pagesDir({ 'x.md': 'x' }), 'x.md'), /is not a directory/],
    ['an unknown page name', () => pagesDir({ 'datenschutz.de.md': 'Text' }), /datenschutz\.de\.md is not a page Plenum knows; expected names: privacy\.de\.md/],
    ['an empty file', () => pagesDir({ 'imprint.de.md': ' \n' }), /imprint\.de\.md is empty/],
    ['a placeholder left in', () => pagesDir({ 'privacy.de.md': '## Stelle\n\n[[Name der Stelle]]\n' }), /privacy\.de\.md line 3 still has the placeholder \[\[Name der Stelle\]\]/],
    ['an unknown variable', () => pagesDir({ 'privacy.en.md': 'Kept {{retentionDays}} days' }), /privacy\.en\.md uses \{\{retentionDays\}\}; known: \{\{retention\}\}/],
    ['a file that is not UTF-8', () => pagesDir({ 'imprint.en.md': Buffer.from([0x53, 0x74, 0x72, 0x61, 0xdf, 0x65]) }), /imprint\.en\.md is not UTF-8 text/],
    ['a file too large', () => pagesDir({ 'imprint.en.md': 'x'.repeat(300 * 1024) }), /imprint\.en\.md is larger than 256 KiB/],
    [
      'an unreadable file',
      () => {
        const dir = pagesDir({});
        fs.mkdirSync(path.join(dir, 'accessibility.de.md')); // reading a directory fails, even for root
        return dir;
      },
      /cannot read .*accessibility\.de\.md: EISDIR/,
    ],
  ])('%s is refused with a message naming it', (_what, makeDir, message) => {
    const dir = makeDir();
    expect(() => loadOperatorPages(dir)).toThrow(OperatorPagesError);
    expect(() => loadOperatorPages(dir)).toThrow(message);
  });
});
