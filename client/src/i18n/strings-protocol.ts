// The moderator's "Protokoll" view (client/src/protocol/).

export const protocol = {
  de: {
    'moderator.nav.protocol': 'Protokoll',
    'protocol.heading': 'Protokoll',
    'protocol.intro':
      'Der Entwurf entsteht aus Agenda, Boards, Zusammenfassungen und Notizen. Die Vorschau zeigt den Stand jetzt; die Dateien enthalten denselben Stand.',
    'protocol.options': 'Im Protokoll',
    'protocol.option.authors': 'Namen der Schreibenden (sonst anonym)',
    'protocol.option.dots': 'Punkte der Karten',
    'protocol.option.unmergedCards': 'Karten, die in keinem zusammengefassten Punkt stehen',
    'protocol.option.sources': 'Herkunft zusammengefasster Punkte („aus Arbeitsgruppe 1, …“)',
    'protocol.option.lang': 'Sprache des Protokolls',
    'protocol.download': 'Herunterladen',
    'protocol.format.docx': 'Word (DOCX)',
    'protocol.format.pdf': 'PDF (barrierefrei)',
    'protocol.format.html': 'HTML',
    'protocol.format.md': 'Markdown',
    'protocol.format.csv': 'Tabelle (CSV)',
    'protocol.format.json': 'Sicherung (JSON)',
    'protocol.preparing': 'Datei wird erstellt …',
    'protocol.preview': 'Vorschau',
    'protocol.notes': 'Notizen zum Protokoll',
    'protocol.notes.intro':
      'Die Notiz steht im Protokoll unter der Überschrift der Phase. Mehrere können gleichzeitig schreiben. Ohne Notiz steht dort der graue Vorschlag.',
    'protocol.note.label': 'Notiz zu {n}. {title}',
  },
  en: {
    'moderator.nav.protocol': 'Protocol',
    'protocol.heading': 'Protocol',
    'protocol.intro':
      'The draft is made from the agenda, boards, summaries and notes. The preview shows it as it stands now; the files hold the same.',
    'protocol.options': 'In the protocol',
    'protocol.option.authors': 'Names of the writers (anonymous otherwise)',
    'protocol.option.dots': 'Dots of the cards',
    'protocol.option.unmergedCards': 'Cards that are in no merged item',
    'protocol.option.sources': 'Where merged items came from ("from group 1, …")',
    'protocol.option.lang': 'Language of the protocol',
    'protocol.download': 'Download',
    'protocol.format.docx': 'Word (DOCX)',
    'protocol.format.pdf': 'PDF (accessible)',
    'protocol.format.html': 'HTML',
    'protocol.format.md': 'Markdown',
    'protocol.format.csv': 'Spreadsheet (CSV)',
    'protocol.format.json': 'Backup (JSON)',
    'protocol.preparing': 'Making the file …',
    'protocol.preview': 'Preview',
    'protocol.notes': 'Notes for the protocol',
    'protocol.notes.intro':
      'The note stands in the protocol under the phase heading. Several people can write at once. Without a note, the grey suggestion stands there.',
    'protocol.note.label': 'Note on {n}. {title}',
  },
} as const;
