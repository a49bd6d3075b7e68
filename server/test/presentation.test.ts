import { describe, expect, it } from 'vitest';
import { present, readPresentation } from '@plenum/shared/presentation';
import { readPhases } from '@plenum/shared/session-doc';
import { collectDenials, connect, createSession, roundTrip, startServer, tokenOf, waitFor } from './helpers.ts';

// Presenter mode (docs/data-model.md, "Presentation"): one key of the session
// document. Only moderators write that document, so no participant or viewer
// can make every page show something else; a moderator's choice reaches
// everyone live.

describe('presentation: who may present (S8)', () => {
  it("S8: a participant's and a viewer's presentation is dropped; a moderator's reaches a viewer live", async () => {
    const server = await startServer();
    const session = await createSession(server.url, { template: 'bilanz-zukunft' });
    const viewer = connect(server.url, session.id, tokenOf(session.links.viewer));
    await viewer.synced;
    const phase = readPhases(viewer.doc).find((p) => p.groups.length >= 2)!;

    for (const role of ['participant', 'viewer'] as const) {
      const client = connect(server.url, session.id, tokenOf(session.links[role]));
      await client.synced;
      const denials = collectDenials(client);
      present(client.doc, { kind: 'board', phaseId: phase.id, groupId: phase.groups[1]!.id });
      await roundTrip(client);
      expect([role, denials.length]).toEqual([role, 1]);
      client.destroy();
      const fresh = connect(server.url, session.id, tokenOf(session.links.moderator));
      await fresh.synced;
      expect([role, readPresentation(fresh.doc)]).toEqual([role, null]);
      fresh.destroy();
    }
    expect(readPresentation(viewer.doc)).toBeNull();

    const moderator = connect(server.url, session.id, tokenOf(session.links.moderator));
    await moderator.synced;
    present(moderator.doc, { kind: 'summary', phaseId: phase.id }, 1234);
    await waitFor(() => readPresentation(viewer.doc) !== null, 5000, 'presentation on the viewer');
    expect(readPresentation(viewer.doc)).toEqual({ kind: 'summary', phaseId: phase.id, since: 1234 });
  });
});
