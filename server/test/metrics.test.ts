import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { addCard } from '@plenum/shared/board-doc';
import { MESSAGE } from '@plenum/shared/protocol';
import {
  captureLogger,
  closed,
  connect,
  createSession,
  firstBoard,
  frame,
  rawSocket,
  roundTrip,
  startServer,
  tokenOf,
  wsUrl,
} from './helpers.ts';

// GET /metrics (issue 13): Prometheus text that moves with what happens, and
// a log that never holds a token or a card's text.

/** Prometheus text format 0.0.4: comments, or `name{labels} value`. Returns the samples by name and labels. */
function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (-?[0-9.e+-]+|NaN|\+Inf|-Inf)$/.exec(line);
    if (!match) throw new Error(`not Prometheus text: ${line}`);
    samples.set(`${match[1]}${match[2] ?? ''}`, Number(match[3]));
  }
  return samples;
}

async function scrape(url: string): Promise<Map<string, number>> {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return parsePrometheus(await res.text());
}

describe('metrics and logs', () => {
  it('/metrics parses as Prometheus text; connections, updates, bytes, commits and rejections move', async () => {
    const { logger, lines } = captureLogger('debug');
    const server = await startServer({ logger });
    const before = await scrape(server.url);
    expect(before.get('plenum_connections')).toBe(0);
    expect(before.get('plenum_updates_total')).toBe(0);

    const session = await createSession(server.url);
    const token = tokenOf(session.links.participant);
    const board = await firstBoard(server.url, session.id, token);
    const writer = connect(server.url, board.room, token);
    await writer.synced;
    const secretText = 'Vertraulich: Fallbesprechung Familie K.';
    addCard(writer.doc, { columnId: board.columnId, text: secretText });
    await roundTrip(writer);

    const during = await scrape(server.url);
    expect(during.get('plenum_connections')).toBe(1);
    expect(during.get('plenum_loaded_documents')).toBeGreaterThanOrEqual(2);
    expect(during.get('plenum_updates_total')).toBeGreaterThanOrEqual(1);
    expect(during.get('plenum_update_bytes_total')).toBeGreaterThan(secretText.length);
    expect(during.get('plenum_commit_seconds_count')).toBeGreaterThanOrEqual(1);

    const opened = await rawSocket(`${wsUrl(server.url)}/${board.room}?token=${token}`);
    if (!('ws' in opened)) throw new Error('refused');
    const closing = closed(opened.ws);
    opened.ws.send(frame(MESSAGE.sync, (e) => encoding.writeVarUint(e, 9))); // no such sync step
    await closing;
    const after = await scrape(server.url);
    expect(after.get('plenum_rejected_messages_total{reason="malformed"}')).toBe(1);

    // Nothing of the workshop's content or its tokens is in the log.
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      expect(line).not.toContain(secretText);
      for (const role of ['moderator', 'participant', 'viewer'] as const) expect(line).not.toContain(tokenOf(session.links[role]));
    }
  });
});
