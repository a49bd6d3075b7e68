import { describe, expect, it, vi } from 'vitest';
import type { ProtocolTree } from '@plenum/shared/protocol-draft/tree';
import { buildProtocol } from '@plenum/shared/protocol-draft/build';
import { referenceInput, referenceWorkshop } from '../../shared/test/protocol-support.ts';
import { toDocx } from '../src/protocol/docx.ts';
import { toPdf } from '../src/protocol/pdf.ts';
import { BACKGROUND_RENDER_LOG, Renderer } from '../src/protocol/renderer.ts';
import { WARM_UP_TREE } from '../src/protocol/warm-up.ts';
import { api, captureLogger, createSession, onCleanup, startServer, tokenOf, waitFor } from './helpers.ts';
import { docxOutline, pdfOutline } from './protocol-files.ts';

// DOCX and PDF are rendered in a worker thread (server/src/protocol/renderer.ts),
// so a large export does not stop the server's rooms and requests for seconds.
// The thread must give what the writers give in-process, and survive a job
// that fails. Starting the thread compiles its TypeScript: allow for a slow,
// busy machine.

const SLOW = 90_000;

function renderer(options?: ConstructorParameters<typeof Renderer>[0]): Renderer {
  const r = new Renderer(options);
  onCleanup(() => r.close());
  return r;
}

describe('the rendering thread', () => {
  const tree = buildProtocol(referenceInput(referenceWorkshop()));

  it('renders the DOCX and PDF the writers render in-process', async () => {
    const r = renderer();
    const [docx, pdf] = await Promise.all([r.render('docx', tree), r.render('pdf', tree)]);
    expect(docxOutline(docx)).toEqual(docxOutline(await toDocx(tree)));
    expect(pdfOutline(pdf)).toEqual(pdfOutline(await toPdf(tree)));
  }, SLOW);

  it('refuses a job that fails and goes on with the next; after close, a render starts a new thread', async () => {
    const r = renderer();
    const broken = { ...tree, blocks: [{ type: 'list', items: null }] } as unknown as ProtocolTree;
    await expect(r.render('pdf', broken)).rejects.toThrow(/rendering failed/);
    expect(docxOutline(await r.render('docx', tree))[0]?.text).toBe(tree.title);
    await r.close();
    expect(pdfOutline(await r.render('pdf', tree))[0]?.text).toBe(tree.title);
  }, SLOW);

  it('ends the thread once it has had no job for idleMs, and starts it again for the next one', async () => {
    const r = renderer({ idleMs: 200 });
    expect(r.running).toBe(false);
    const first = r.render('pdf', tree);
    expect(r.running).toBe(true);
    expect(pdfOutline(await first)[0]?.text).toBe(tree.title);
    // Jobs that follow each other keep it: the second is queued before the first is done.
    const [docx, pdf] = await Promise.all([r.render('docx', tree), r.render('pdf', tree)]);
    expect(docxOutline(docx)[0]?.text).toBe(tree.title);
    expect(pdfOutline(pdf)[0]?.text).toBe(tree.title);
    await waitFor(() => !r.running, SLOW, 'the idle thread to end');
    expect(pdfOutline(await r.render('pdf', tree))[0]?.text).toBe(tree.title);
  }, SLOW);

  it('keeps a running thread for another idleMs when asked (keepAlive), and says when there is none', async () => {
    // Only the idle timer is faked: the thread and its messages run for real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    onCleanup(() => {
      vi.useRealTimers();
    });
    const r = renderer({ idleMs: 1_000 });
    expect(r.keepAlive()).toBe(false);
    expect(r.running).toBe(false);
    expect(pdfOutline(await r.render('pdf', tree))[0]?.text).toBe(tree.title);
    vi.advanceTimersByTime(900);
    expect(r.keepAlive()).toBe(true);
    // 1,800 ms after the job: it would have ended at 1,000 without the keepAlive at 900.
    vi.advanceTimersByTime(900);
    expect(r.running).toBe(true);
    vi.advanceTimersByTime(100);
    expect(r.running).toBe(false);
    expect(r.keepAlive()).toBe(false);
  }, SLOW);

  it('warms up: starts the thread and renders the sample in both formats, then renders as before', async () => {
    const r = renderer();
    const sample = await r.warmUp();
    const items = (WARM_UP_TREE.blocks.find((b) => b.type === 'list') as { items: unknown[] }).items.length;
    expect(docxOutline(sample.docx).filter((e) => e.kind === 'item')).toHaveLength(items);
    expect(pdfOutline(sample.pdf).filter((e) => e.kind === 'item')).toHaveLength(items);
    expect(docxOutline(await r.render('docx', tree))).toEqual(docxOutline(await toDocx(tree)));
  }, SLOW);

  it("renders a session's draft ahead once per thread (prepare), and again in a thread started after it", async () => {
    const r = renderer({ idleMs: 200 });
    const items = (t: ProtocolTree) => t.blocks.flatMap((b) => (b.type === 'list' ? b.items : [])).length;
    let built = 0;
    const draft = () => {
      built++;
      return tree;
    };
    const ahead = await r.prepare('session-a', draft);
    expect(r.running).toBe(true);
    // The draft's own files, not the sample's.
    expect(pdfOutline(ahead!.pdf).filter((e) => e.kind === 'item')).toHaveLength(items(tree));
    expect(docxOutline(ahead!.docx).filter((e) => e.kind === 'item')).toHaveLength(items(tree));
    expect(items(tree)).not.toBe(items(WARM_UP_TREE));
    // The same thread has it: kept up, the draft not even built again.
    expect(await r.prepare('session-a', draft)).toBeNull();
    expect(built).toBe(1);
    // Another session's draft is rendered.
    expect(await r.prepare('session-b', () => WARM_UP_TREE)).not.toBeNull();
    // A new thread has rendered nothing ahead.
    await waitFor(() => !r.running, SLOW, 'the idle thread to end');
    expect(await r.prepare('session-a', draft)).not.toBeNull();
    expect(built).toBe(2);
    // A draft that cannot be built fails the prepare, not the thread.
    await expect(r.prepare('session-c', () => { throw new Error('no draft'); })).rejects.toThrow('no draft');
    expect(pdfOutline(await r.render('pdf', tree))[0]?.text).toBe(tree.title);
  }, SLOW);
});

describe('the server and its rendering thread', () => {
  it('warms the thread up at start when asked (production, main.ts), and says when it is ready', async () => {
    const log = captureLogger('info');
    await startServer({ logger: log.logger, warmUpRenderer: true });
    await waitFor(() => log.lines.some((line) => line.includes(BACKGROUND_RENDER_LOG.sample.done)), SLOW, 'the warm-up');
  }, SLOW);

  it("gets an export ready for a moderator (POST …/export/prepare): renders the session's draft ahead once, then only keeps the thread", async () => {
    const log = captureLogger('info');
    const server = await startServer({ logger: log.logger });
    const session = await createSession(server.url, { title: 'Bilanz' });
    const ready = () => log.lines.filter((line) => line.includes(BACKGROUND_RENDER_LOG.draft.done));
    const path = `/api/sessions/${session.id}/export/prepare`;
    expect((await api(server.url, 'POST', path)).status).toBe(401);
    expect((await api(server.url, 'POST', path, { token: tokenOf(session.links.participant) })).status).toBe(403);
    expect(log.lines.filter((line) => line.includes('rendering thread'))).toEqual([]);
    const moderator = tokenOf(session.links.moderator);
    expect((await api(server.url, 'POST', path, { token: moderator })).status).toBe(202);
    await waitFor(() => ready().length === 1, SLOW, 'the draft rendered ahead');
    // The thread is up and has this draft: asking again keeps it and renders nothing.
    expect((await api(server.url, 'POST', path, { token: moderator })).status).toBe(202);
    expect((await api(server.url, 'GET', `/api/sessions/${session.id}/export?format=pdf`, { token: moderator })).status).toBe(200);
    // Every "ready" line, the sample's or a draft's (the sample's line begins the draft's).
    expect(log.lines.filter((line) => line.includes(BACKGROUND_RENDER_LOG.sample.done))).toHaveLength(1);
    // Another session's moderator: its draft is rendered ahead in the same thread.
    const other = await createSession(server.url, { title: 'Ausblick' });
    expect((await api(server.url, 'POST', `/api/sessions/${other.id}/export/prepare`, { token: tokenOf(other.links.moderator) })).status).toBe(202);
    await waitFor(() => ready().length === 2, SLOW, "the other session's draft rendered ahead");
    expect((await api(server.url, 'POST', `/api/sessions/${session.id}/export/other`, { token: moderator })).status).toBe(404);
  }, SLOW);

  it('does not warm up by default: the many servers of the tests spend no core on a thread they do not use', async () => {
    const log = captureLogger('debug');
    const server = await startServer({ logger: log.logger });
    await server.close();
    expect(log.lines.filter((line) => line.includes('rendering thread'))).toEqual([]);
  });
});
