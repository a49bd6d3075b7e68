// What the server's operator sets up (docs/deploy.md): the access code for
// creating workshops, rate limits, capacity.

export const operations = {
  de: {
    'error.rate_limited': 'Zu viele Anfragen in kurzer Zeit. Bitte gleich noch einmal versuchen.',
    'error.secret_required': 'Für neue Workshops auf diesem Server ist ein Zugangscode nötig.',
    'error.capacity': 'Dieser Server ist voll. Bitte wenden Sie sich an die Verwaltung des Servers.',
    'home.secret.label': 'Zugangscode zum Anlegen',
    'home.secret.hint': 'Den Code vergibt die Verwaltung dieses Servers.',
  },
  en: {
    'error.rate_limited': 'Too many requests in a short time. Please try again in a moment.',
    'error.secret_required': 'Creating workshops on this server needs an access code.',
    'error.capacity': 'This server is full. Please contact whoever runs it.',
    'home.secret.label': 'Access code for creating',
    'home.secret.hint': 'Whoever runs this server gives out the code.',
  },
} as const;
