import { describe, expect, it } from 'vitest';
import { awarenessHeard as heard, connect, createSession, startServer, tokenOf, waitFor } from './helpers.ts';

// An awareness state with nothing in it is nobody else's business (S12). The
// stock client starts every document with the state {} and renews it every
// 15 s; forwarded to everyone, the session room of 300 participants cost
// the server a tenth of a core for frames nobody reads. Such a state goes
// back to its sender only: the stock client counts a connection as dead
// after 30 s without a message, and the echo of its own renewal is that
// message in a quiet room.

describe('awareness nobody reads', () => {
  it('an empty state goes back to its sender only; a state with something in it, and its end, to everyone', async () => {
    // No keep-alive (below) among the messages counted here, however slow the machine.
    const server = await startServer({ keepAliveMs: 600_000 });
    const session = await createSession(server.url);
    const token = tokenOf(session.links.participant);
    const a = connect(server.url, session.id, token);
    const b = connect(server.url, session.id, token);
    await Promise.all([a.synced, b.synced]);
    const ada = a.doc.clientID;
    const byA = heard(a);
    const byB = heard(b);

    // The stock client's renewal of its empty state (the clock goes up, as every 15 s).
    a.provider.awareness.setLocalState({});
    await waitFor(() => byA.some((ids) => ids.includes(ada)), 5000, 'a hears its own renewal');
    // Then a state with something in it: b hears it, and b's socket delivers
    // in order, so anything sent to b for the empty state came before it.
    a.provider.awareness.setLocalState({ user: { name: 'Ada' } });
    await waitFor(() => b.provider.awareness.getStates().get(ada)?.user?.name === 'Ada', 5000, 'Ada on b');
    expect(byB).toEqual([[ada]]);

    // Back to empty: b must learn that Ada's state is gone; later renewals of the empty state it need not.
    a.provider.awareness.setLocalState({});
    await waitFor(() => b.provider.awareness.getStates().get(ada)?.user === undefined, 5000, 'Ada empty on b');
    a.provider.awareness.setLocalState({});
    a.provider.awareness.setLocalState({ user: { name: 'Ada L.' } });
    await waitFor(() => b.provider.awareness.getStates().get(ada)?.user?.name === 'Ada L.', 5000, 'Ada L. on b');
    expect(byB).toEqual([[ada], [ada], [ada]]);

    // A joiner is sent the states with something in them, not the empty ones.
    b.provider.awareness.setLocalState({});
    a.provider.awareness.setLocalState({ user: { name: 'Ada' } });
    const c = connect(server.url, session.id, token);
    const byC = heard(c);
    await c.synced;
    await waitFor(() => c.provider.awareness.getStates().get(ada)?.user?.name === 'Ada', 5000, 'Ada on c');
    expect(byC.flat()).not.toContain(b.doc.clientID);
    expect(server.rooms.loaded(session.id)!.awareness.getStates().get(b.doc.clientID)).toEqual({});

    // Leaving: the others hear of a state they were shown, not of an empty one.
    const byBefore = byC.length;
    b.destroy();
    await waitFor(() => !server.rooms.loaded(session.id)!.awareness.getStates().has(b.doc.clientID), 5000, 'b gone on the server');
    a.destroy();
    await waitFor(() => !c.provider.awareness.getStates().has(ada), 5000, 'Ada gone on c');
    expect(byC.slice(byBefore).flat()).not.toContain(b.doc.clientID);
  });

  it('a connection that was sent nothing for a while is sent an awareness update with no state, so the stock client keeps it', async () => {
    // The stock client closes a connection that received nothing for 30 s. A
    // tab hidden for minutes runs its timers once a minute (Chromium), so the
    // echo of its own renewal comes after that check: without peers whose
    // states it hears, a quiet room is this message or nothing.
    const server = await startServer({ keepAliveMs: 50 });
    const session = await createSession(server.url);
    const a = connect(server.url, session.id, tokenOf(session.links.participant));
    await a.synced;
    const byA = heard(a);
    await waitFor(() => byA.filter((ids) => ids.length === 0).length >= 3, 5000, 'three keep-alives');
    expect(a.provider.wsconnected).toBe(true);
    expect(a.provider.awareness.getStates().size).toBe(1);
  });
});
