// What the server's operator sets up (docs/deploy.md): the access code for
// creating workshops, rate limits, capacity, and the operator's pages
// (privacy notice, accessibility statement, imprint) in every page's footer.

export const operations = {
  de: {
    'error.rate_limited': 'Zu viele Anfragen in kurzer Zeit. Bitte gleich noch einmal versuchen.',
    'error.secret_required': 'Für neue Workshops auf diesem Server ist ein Zugangscode nötig.',
    'error.capacity': 'Dieser Server ist voll. Bitte wenden Sie sich an die Verwaltung des Servers.',
    'home.secret.label': 'Zugangscode zum Anlegen',
    'home.secret.hint': 'Den Code vergibt die Verwaltung dieses Servers.',
    'legal.footer.label': 'Rechtliche Hinweise',
    'legal.privacy.link': 'Datenschutz',
    'legal.accessibility.link': 'Barrierefreiheit',
    'legal.imprint.link': 'Impressum',
    'legal.privacy.title': 'Datenschutzerklärung',
    'legal.accessibility.title': 'Erklärung zur Barrierefreiheit',
    'legal.imprint.title': 'Impressum',
    'legal.notConfigured':
      'Die Verwaltung dieses Servers hat diese Seite noch nicht ausgefüllt. Hier steht die Vorlage von Plenum: Die Angaben in eckigen Klammern fehlen noch.',
    'legal.onlyIn.de': 'Diesen Text gibt es nur auf Deutsch.',
    'legal.onlyIn.en': 'Diesen Text gibt es nur auf Englisch.',
  },
  en: {
    'error.rate_limited': 'Too many requests in a short time. Please try again in a moment.',
    'error.secret_required': 'Creating workshops on this server needs an access code.',
    'error.capacity': 'This server is full. Please contact whoever runs it.',
    'home.secret.label': 'Access code for creating',
    'home.secret.hint': 'Whoever runs this server gives out the code.',
    'legal.footer.label': 'Legal information',
    'legal.privacy.link': 'Privacy',
    'legal.accessibility.link': 'Accessibility',
    'legal.imprint.link': 'Legal notice',
    'legal.privacy.title': 'Privacy notice',
    'legal.accessibility.title': 'Accessibility statement',
    'legal.imprint.title': 'Legal notice',
    'legal.notConfigured':
      'Whoever runs this server has not filled in this page yet. It shows Plenum’s template: the details in square brackets are still missing.',
    'legal.onlyIn.de': 'This text is only available in German.',
    'legal.onlyIn.en': 'This text is only available in English.',
  },
} as const;
