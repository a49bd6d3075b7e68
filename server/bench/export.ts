// npm run bench, part 2 — the protocol export of a 2,000-card session in every
// format, and the import of its backup, timed over HTTP against an in-process
// server with SQLite (docs/benchmarks.md, "Protocol export"), and the longest
// the server's event loop stood still meanwhile (every room and request of the
// server waits that long; DOCX and PDF render in a worker thread). Not a test:
// nothing here passes or fails; it prints what it measured.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import { addCard, initBoard, readCards } from '@plenum/shared/board-doc';
import { boardRoom } from '@plenum/shared/protocol';
import { readSession } from '@plenum/shared/session-doc';
import { addItemFromCard, setLayout } from '@plenum/shared/summary-doc';
import { createPlenumServer } from '../src/server.ts';

const CARDS = Number(process.env.BENCH_EXPORT_CARDS ?? 2000);
const RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 3);
const FORMATS = ['md', 'html', 'csv', 'docx', 'pdf', 'json'];
const WORDS = 'Jugendhilfeplanung Kooperation Sozialraum Beteiligung Familien Träger Fallbesprechung Ressourcen Austausch Region'.split(' ');

function text(i: number): string {
  const words = Array.from({ length: 8 + (i % 17) }, (_, j) => WORDS[(i * 7 + j * 3) % WORDS.length]);
  return `${i + 1}. ${words.join(' ')}`;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-bench-export-'));
// As the production server starts (main.ts): the rendering thread warms up at start.
const server = createPlenumServer({ dataDir, port: 0, warmUpRenderer: true });
await server.listen();
try {
  const created = await fetch(`${server.url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Sozialraumorientierung', template: 'bilanz-zukunft', date: '2021-09-06' }),
  });
  const { id, links } = (await created.json()) as { id: string; links: { moderator: string } };
  const token = /t=([^&]+)/.exec(new URL(links.moderator).hash)?.[1] as string;

  // Every board of the template's group phases gets its share of the cards;
  // the review's first 200 cards become its merged summary. Written straight
  // to storage before any room is loaded, as a finished workshop is stored.
  const session = new Y.Doc();
  Y.applyUpdate(session, server.storage.loadDocument(id) as Uint8Array);
  const phases = readSession(session).phases.filter((p) => p.groups.length > 0);
  const boards = phases.flatMap((phase) => phase.groups.map((group) => ({ phase, group })));
  boards.forEach(({ phase, group }, b) => {
    const doc = new Y.Doc();
    initBoard(doc, { sessionId: id, phaseId: phase.id, groupId: group.id });
    for (let i = b; i < CARDS; i += boards.length) {
      addCard(doc, { columnId: phase.prompts[i % Math.max(1, phase.prompts.length)]?.id ?? 'column', text: text(i), author: i % 5 ? null : 'Anna' });
    }
    if (phase === phases[0]) {
      for (const card of readCards(doc).slice(0, 200 / phase.groups.length)) {
        addItemFromCard(session, phase.id, { groupId: group.id, columnId: card.columnId, cardId: card.id, text: card.text });
      }
      setLayout(session, phase.id, 'merged');
    }
    server.storage.compact(boardRoom(id, phase.id, group.id), id, Y.encodeStateAsUpdate(doc));
  });
  server.storage.compact(id, id, Y.encodeStateAsUpdate(session));

  console.log(`\nProtocol export: ${CARDS} cards on ${boards.length} boards, median of ${RUNS} runs (GET …/export over HTTP)`);
  console.log('| format | time | size | longest event-loop stall |');
  console.log('| --- | --- | --- | --- |');
  const stall = monitorEventLoopDelay({ resolution: 10 });
  stall.enable();
  let backup = '';
  for (const format of FORMATS) {
    const times: number[] = [];
    let size = 0;
    stall.reset();
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      const res = await fetch(`${server.url}/api/sessions/${id}/export?format=${format}&authors=1&dots=1&unmerged=1&sources=1`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = Buffer.from(await res.arrayBuffer());
      times.push(performance.now() - start);
      if (res.status !== 200) throw new Error(`${format}: ${res.status} ${body.toString()}`);
      size = body.length;
      if (format === 'json') backup = body.toString('utf8');
    }
    console.log(`| ${format} | ${median(times).toFixed(0)} ms | ${(size / 1024).toFixed(0)} KiB | ${(stall.max / 1e6).toFixed(0)} ms |`);
  }
  const times: number[] = [];
  stall.reset();
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const res = await fetch(`${server.url}/api/sessions/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: backup });
    await res.arrayBuffer();
    times.push(performance.now() - start);
    if (res.status !== 201) throw new Error(`import: ${res.status}`);
  }
  console.log(`| import of the backup (POST /api/sessions/import) | ${median(times).toFixed(0)} ms | ${(backup.length / 1024).toFixed(0)} KiB | ${(stall.max / 1e6).toFixed(0)} ms |`);
  stall.disable();
} finally {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
