// The bullets of the reference protocol (shared/reference/
// lovo-bilanz-zukunft-protokoll-2021-09-06.txt), sections 1 to 4 and the contact
// block, copied verbatim so the golden test does not depend on a file outside
// the repository.

export const SECTION_1_NOTE = 'Nach der Begrüßung durch den Jugendamtsleiter erfolgte eine Rückschau auf die drei Jahre Projektlaufzeit mit dem Blick auf das Arbeiten nach dem Fachkonzept Sozialraumorientierung, der Bündelung von Ressourcen bei den öffentlichen und freien Trägern, dem Kinderschutz im Sozialraum und der Verbesserung der Kooperation der Fachämter im Bezirk HH-Mitte. Anschließend wurde ein Überblick über den Status der Zielerreichung und die LövO Beteiligungs- und Arbeitsstruktur gegeben. Nach einer kurzen Erläuterung der LövO-Projektphasen wurde der Prozess der Regionalisierung erläutert und die damit verbundenen Commitments in den Regionen vorgestellt (Siehe angehängte PowerPoint Präsentation).';

/** Section 2: the merged results of both mixed groups. */
export const SECTION_2: readonly string[] = [
  'Es gibt viele sehr engagierte Menschen und trotzdem dauert vieles länger als erwartet',
  'Corona hat einiges „ausgebremst“, aber in der Region ist vieles gestartet!',
  'Neuer Trägerverbund ist entstanden und gute Absprachen',
  'Ausstrahlung auf andere Regionen – Bereitschaft zu kooperieren hat sich erhöht',
  'Veränderungen und Entwicklungen brauchen Transparenz und Geduld',
  'Regionale Themen wurden durch die Commitments aufgegriffen',
  'Alle Commitments sind wichtig. Das 5. Commitment unbedingt weiterverfolgen.',
  'Interne Prozesse müssen besser koordiniert werden und brauchen von allen Leitungsebenen Unterstützung',
  'Es sind tolle Dinge entstanden die ich (Martin Rietz) nicht erwartet habe. Eine richtig tolle Weiterentwicklung der Ursprungsidee',
  'Es gibt Themen, die auch überbezirklich und mit der Fachbehörde und den Verbänden bewegt werden müssen. Gleichzeitig: Gestaltungsmöglichkeiten bezirklich nutzen',
  'Früheres regionales Arbeiten vom Team wäre gut gewesen',
  'Konkretere Strukturen',
  'Neue Finanzierungen sind rechtlich nicht gut umzusetzen',
  'Stärkeren Bezug auf das, was da ist und dies weiter ausbauen',
  'SRT braucht Ressourcen: Zeit, Kraft und Geld',
  'Vorsichtig in den Erwartungen zu sein',
  '„Entsäulung“ ist nicht so einfach. Inhaltlich gut, strukturell nicht richtig möglich. Häufig zu viele Akteure',
  'Wir haben ganz viel gelernt, weil wir so naiv waren zu denken, wir könnten Sachen verändern',
];

/** Section 3: working group 1, staff of the FHH. */
export const SECTION_3_AG1: readonly string[] = [
  'Wer sammelt und hält die Fäden zusammen? Wie gemeinsame Steuerung auf bezirklicher Ebene? Regional funktioniert das?',
  'Jugendhilfeplanung weiterentwickeln',
  '(sozialräumliche) Jugendhilfeplanung ernsthaft und unter Beteiligung der Familien organisieren',
  'Flexible Finanzierungsmodelle weiterentwickeln',
  'Abspraken zur Kooperation weiter erproben, nicht neu erfinden... Ruhe in den Prozess bringen',
  'Orte für gemeinsame Fachdiskussionen schaffen',
  'Gemeinsame kollegiale Beratung öffentliche + freie Träger stärken – gerade auch in Bezug auf auswärtige Unterbringungen und Kindeswohlgefährdungen',
  'Überprüfung der bestehenden Besprechungsstrukturen. Der Fokus sollte auf konkreter Fallbearbeitung und Fallbesprechungen liegen.',
  'Nach dem Projektende „keine neue Sau durchs Dorf treiben“, sondern Weiterentwicklung im bestehenden Rahmen',
];

/** Section 3: working group 2, staff of the independent providers. */
export const SECTION_3_AG2: readonly string[] = [
  'Leistungsvereinbarung als Möglichkeit der Projektmittelfinanzierung nutzen',
  'Projektentwicklung muss gut finanziert werden mit Sach- und Verwaltungsmitteln',
  'Zuwendungsfinanzierung ist aufwändig. Dann nehme „ich“ lieber HzE',
  'Jugendhilfeplanung im Sinne der SRO geht in zwei Richtungen: bottom up und top down',
  'Bottom-up: SPFH oder in der Beratung die Familie fragen und erfahren was gibt es, was braucht es, was muss sich ändern',
  'Top-down: Verwaltung oder JA oder ein Gremium macht ein Thema auf, was dann runter gebrochen wird (z.B. was nutzen Jugendliche am Wochenende)',
  'Beides führt dann zu Informationen, die in den Gremien genutzt werden können, um neue Angebote zu schaffen (und man kann es natürlich auch für den nächsten Einzelfall nutzen)',
];

/** Section 4: Melanie Münder (Vertretung Regionalleitung Region 3). */
export const SECTION_4_MUENDER: readonly string[] = [
  'Commitments werden weiter voran gebracht: Struktureller Aufbau und Durchführung des Beratungsangebotes für Kinder psychisch und seelisch erkrankter Eltern',
  'Vorstellung des Kinderschutzprogramms „Signs of Safety“ am dem Fachtag am 30.09.2021 als Auftaktveranstaltung',
  'Guten Kontakt zu den freien Trägern weiter pflegen',
  'Weiter sensibel Themen aufgreifen und Lösungen entwickeln (z.B. Erarbeitung eines Rückführungsplans mit dem ReBBZ)',
  'Beteiligung noch besser umsetzen und für alle greifbar machen Gremien werden geprüft, um produktiver zu werden',
];

/** Section 4: Martin Rietz (Fachamtsleiter Jugend- und Familienhilfe). */
export const SECTION_4_RIETZ: readonly string[] = [
  'Es gibt schon gute Strukturen in der Region 3, aber es gibt Themen, die auf bezirklicher Ebene nicht bearbeitet werden können, sondern überbezirklich bearbeitet und entschieden werden müssen.',
  'Sozialraumorientierung soll mit den öffentlichen und freien Trägern weiter entwickelt werden und auf dem Fachaustausch mit der Sozialbehörde und allen Bezirken am 21.09.2021 angesprochen werden.',
  'Für eine flexible Angebotsentwicklung ist die Kooperation mit der Sozialbehörde notwendig, u.a. ein Thema, was am 21.09.2021 besprochen werden soll; es erfolgt ein Bericht in den übernächsten bezirklichen und regionalen AGs',
  'Große Projekte wie die Weiterentwicklung des Kinderbauerhofes übernimmt JA-L, da die Region 3 sehr viel Planungsprojekte hat',
  'Jugendhilfeplanung: Es gibt gute regionale Planungsgremien, dennoch überprüfen, eventuell verschlanken (z.B. SHA-SAJF-Planungsgruppen sollten sich an die Gremienstruktur anpassen)',
  'Fokus auf Fallbesprechung, Vermeidung auswärtiger Unterbringung, Kinderschutz',
  'Jugendhilfeplanung: überbezirkliches Gremium notwendig, das fachlich diskutiert und Entscheidungen treffen kann (wäre eigentlich der JHA)',
  'Entwicklungsfrage: Wie kann der JHA diese Aufgaben in Zukunft wahrnehmen?',
  'Offene Fragen aus dem LöVO-Prozess im JHA einbringen, 2-3 Themen aufbereiten, damit dieser daraus einen Auftrag generiert (z.B. Finanzierungsfragen)',
  'JHA-Workshop im Februar 2021 hat Themen gesammelt, diese sollen auch in die Entwicklung aufgegriffen werden',
  'Offene Themen aus dem LöVO-Prozess werden übergeleitet in Richtung Netzwerkmanagement',
  'Strukturen schaffen zur Vermeidung auswärtiger Unterbringung mit Beratungsstellen vor Ort bleibt ein wichtiges Thema des Fachamtsleiters',
  'Was kommt nach den Commitments zwischen JA-L und Regionalleiter:innen? Vielleicht Commitments zwischen öffentlichen und freien Trägern?',
];

export const CONTACT = 'Freie und Hansestadt Hamburg\nBezirksamt Hamburg-Mitte\n\nProjekt LöVO\nCaffamacherreihe 1-3\n20355 Hamburg\nMail: loevo@hamburg-mitte.hamburg.de';
