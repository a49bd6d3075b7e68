import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { boardRoom, sessionRoom } from '@plenum/shared/protocol';
import { readSession, setCurrentPhase, setPhaseFlag, updatePhase, type Phase, type PhaseInput } from '@plenum/shared/session-doc';
import { createSession, type CreatedSession } from './server.ts';

// Plays the moderator from node for participant tests: the stock y-websocket
// client on the session room with the moderator's token, writing through the
// shared model (the moderator UI is tested on its own).

// Every stock provider in Node adds a process 'exit' listener (and removes it
// when destroyed); a test that opens the session and many group boards passes
// Node's default warning threshold of ten (server/test/helpers.ts does the same).
process.setMaxListeners(0);

export function tokenOf(link: string): string {
  const token = /[#&]t=([^&]+)/.exec(new URL(link).hash)?.[1];
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

export interface SessionControl {
  readonly doc: Y.Doc;
  phases(): Phase[];
  phase(index: number): Phase;
  start(index: number | null): void;
  update(index: number, patch: Partial<PhaseInput>): void;
  flag(index: number, flag: 'votesRevealed' | 'privateRevealed', value: boolean): void;
  /** Opens a group's board document (synced), e.g. to put many cards on it at once. */
  board(phaseIndex: number, groupIndex: number): Promise<Y.Doc>;
  close(): void;
}

async function synced(provider: WebsocketProvider): Promise<void> {
  await new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (done: boolean) => done && resolve());
  });
}

export async function controlSession(serverUrl: string, session: CreatedSession): Promise<SessionControl> {
  const providers: WebsocketProvider[] = [];
  const connect = (room: string, doc: Y.Doc) => {
    const provider = new WebsocketProvider(`${serverUrl.replace(/^http/, 'ws')}/ws`, room, doc, {
      params: { token: tokenOf(session.links.moderator) },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    providers.push(provider);
    return provider;
  };
  const doc = new Y.Doc();
  await synced(connect(sessionRoom(session.id), doc));
  const phases = () => readSession(doc).phases;
  const phase = (index: number) => {
    const found = phases()[index];
    if (!found) throw new Error(`no phase ${index}`);
    return found;
  };
  return {
    doc,
    phases,
    phase,
    start: (index) => setCurrentPhase(doc, index === null ? null : phase(index).id),
    update: (index, patch) => updatePhase(doc, phase(index).id, patch),
    flag: (index, flag, value) => setPhaseFlag(doc, phase(index).id, flag, value),
    async board(phaseIndex, groupIndex) {
      const { id, groups } = phase(phaseIndex);
      const group = groups[groupIndex];
      if (!group) throw new Error(`no group ${groupIndex}`);
      const board = new Y.Doc();
      await synced(connect(boardRoom(session.id, id, group.id), board));
      return board;
    },
    close() {
      for (const provider of providers) {
        provider.destroy();
        provider.doc.destroy();
      }
    },
  };
}

/**
 * A fresh workshop (template "blank": columns Ideen, Fragen, Nächste Schritte)
 * with its first phase started, after `patch` to that phase. The moderator's
 * connection joins `controls`, which the test file closes when it is done.
 */
export async function startedWorkshop(
  serverUrl: string,
  controls: SessionControl[],
  patch: Parameters<SessionControl['update']>[1] = {},
): Promise<{ session: CreatedSession; moderator: SessionControl }> {
  const session = await createSession(serverUrl);
  const moderator = await controlSession(serverUrl, session);
  controls.push(moderator);
  if (Object.keys(patch).length > 0) moderator.update(0, patch);
  moderator.start(0);
  return { session, moderator };
}
