import { hasBoard } from '@plenum/shared/session-doc';
import { CLOSE, parseRoom, sessionRoom, type RoomName } from '@plenum/shared/protocol';
import { CommitQueue } from './commit-queue.ts';
import { fallbackLogger, type Logger } from './logger.ts';
import { Room } from './room.ts';
import type { Storage } from './storage.ts';

// The loaded rooms of one server instance. A room with no connections (and,
// for a session room, no loaded boards) is unloaded after `idleUnloadMs`.

export interface RoomsOptions {
  idleUnloadMs: number;
  compactEvery: number;
  /** Where rooms log their storage faults; standard error if not given. */
  logger?: Logger;
  /** Hears the duration of every group commit (metrics). */
  onCommit?: (seconds: number) => void;
  /** Called once for every session room after it has loaded. */
  onSessionLoaded?: (room: Room) => void;
}

export class NotFound extends Error {}

export class Rooms {
  readonly commits: CommitQueue;
  private readonly rooms = new Map<string, Room>();
  private readonly idleTimers = new Map<Room, NodeJS.Timeout>();

  constructor(
    private readonly storage: Storage,
    private readonly options: RoomsOptions,
  ) {
    this.commits = new CommitQueue({ file: storage.file, synchronous: storage.synchronous, onCommit: options.onCommit });
  }

  get size(): number {
    return this.rooms.size;
  }

  loaded(name: string): Room | undefined {
    return this.rooms.get(name);
  }

  /**
   * The room for `name`, loaded from storage if needed. Throws NotFound for a
   * name that does not address an existing session or board, and whatever
   * storage throws if the document cannot be loaded.
   */
  open(name: string): Room {
    const existing = this.rooms.get(name);
    if (existing) {
      this.cancelIdle(existing);
      return existing;
    }
    const { address, session } = this.locate(name);
    return this.load(name, address, session);
  }

  /**
   * What a room that is not loaded yet has on disk, for its first client to
   * be sent before the room loads (docs/sync-spec.md, S1): its snapshot,
   * then its log. Only what loads unchanged: a snapshot written by a server
   * of this document schema (Storage.schemaSince), so the load neither
   * migrates it nor refuses it as too new (a new board, which gets its
   * layout at load, has none). And only a log shorter than compactEvery
   * updates, as a Plenum server leaves it: merging a longer one would take
   * longer than loading it. Null otherwise, or if the room is loaded.
   * Throws NotFound as open() does.
   */
  storedState(name: string): Uint8Array[] | null {
    if (this.rooms.has(name)) return null;
    const { session } = this.locate(name);
    // Located, not held: the session room goes idle as after a refusal.
    if (session && !session.inUse) this.scheduleIdle(session);
    const writtenAt = this.storage.snapshotWrittenAt(name);
    if (writtenAt === null || writtenAt <= this.storage.schemaSince) return null;
    if (this.storage.countUpdates(name) >= this.options.compactEvery) return null;
    return this.storage.storedParts(name);
  }

  /** The address of an existing room, and the session room a board reads its permissions from (loaded); throws NotFound. */
  private locate(name: string): { address: RoomName; session: Room | null } {
    const address = parseRoom(name);
    if (!address || !this.storage.hasSession(address.sessionId)) throw new NotFound('no such session');
    if (address.kind === 'session') return { address, session: null };
    const session = this.open(sessionRoom(address.sessionId));
    // Board and private rooms exist only for a group of a phase of the session.
    if (!hasBoard(session.doc, address.phaseId, address.groupId)) {
      if (!session.inUse) this.scheduleIdle(session);
      throw new NotFound('no such board');
    }
    return { address, session };
  }

  private load(name: string, address: RoomName, session: Room | null): Room {
    const room = new Room(
      name,
      address,
      this.storage,
      this.commits,
      { compactEvery: this.options.compactEvery, logger: this.options.logger ?? fallbackLogger() },
      (r) => this.scheduleIdle(r),
      (r) => this.failed(r),
    );
    try {
      room.load();
    } catch (error) {
      room.destroy(false);
      if (session && !session.inUse) this.scheduleIdle(session);
      throw error;
    }
    if (session) {
      room.sessionRoom = session;
      session.acquire();
    }
    this.rooms.set(name, room);
    if (address.kind === 'session') this.options.onSessionLoaded?.(room);
    // Held by nobody yet: the caller attaches a connection right away; if it
    // does not, the room goes idle like any other.
    this.scheduleIdle(room);
    return room;
  }

  private scheduleIdle(room: Room): void {
    this.cancelIdle(room);
    const timer = setTimeout(() => this.unload(room, true), this.options.idleUnloadMs);
    timer.unref();
    this.idleTimers.set(room, timer);
  }

  private cancelIdle(room: Room): void {
    const timer = this.idleTimers.get(room);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(room);
  }

  /**
   * A room whose commit failed is dropped unsaved (Room.commitFailed). Boards
   * check writes against their session room, so a failed session room takes
   * its loaded boards along: otherwise they would keep reading the dropped
   * document while its reloaded successor changes (a phase closed afterwards
   * stayed writable; test/commit-failure.test.ts). Their committed updates are
   * in the log already; their clients reconnect ("try again later").
   */
  private failed(room: Room): void {
    if (room.address.kind === 'session') {
      for (const board of this.roomsOf(room.sessionId)) {
        if (board.sessionRoom !== room) continue;
        board.closeAll(CLOSE.storageError, 'session could not be saved, please reconnect');
        this.unload(board, false);
      }
    }
    this.unload(room, false);
  }

  private unload(room: Room, save: boolean): void {
    this.cancelIdle(room);
    if (this.rooms.get(room.name) !== room) return;
    if (save && room.inUse) return;
    if (save && !room.compact()) {
      // Storage refused (full disk, read-only): the log holds everything, so
      // keep the room and try again after another idle period.
      if (this.rooms.get(room.name) === room && !room.inUse) this.scheduleIdle(room);
      return;
    }
    this.rooms.delete(room.name);
    room.closeAll(CLOSE.unloaded, 'room unloaded');
    room.destroy(false);
    if (room.sessionRoom) room.sessionRoom.release();
  }

  /** Every loaded room of a session, session room last. */
  roomsOf(sessionId: string): Room[] {
    return [...this.rooms.values()]
      .filter((r) => r.sessionId === sessionId)
      .sort((a, b) => Number(a.address.kind === 'session') - Number(b.address.kind === 'session'));
  }

  /** Closes every connection of a session and unloads its rooms without saving (deletion). */
  dropSession(sessionId: string, code: number, reason: string): void {
    // A batch on its way to disk could otherwise land after the deletion.
    this.commits.flush();
    for (const room of this.roomsOf(sessionId)) {
      room.closeAll(code, reason);
      this.cancelIdle(room);
      this.rooms.delete(room.name);
      room.destroy(false);
    }
  }

  /** Commits and unloads everything (shutdown). */
  closeAll(code: number, reason: string): void {
    this.commits.flush();
    const boardsFirst = [...this.rooms.values()].sort(
      (a, b) => Number(a.address.kind === 'session') - Number(b.address.kind === 'session'),
    );
    for (const room of boardsFirst) {
      room.closeAll(code, reason);
      this.cancelIdle(room);
      this.rooms.delete(room.name);
      room.destroy(true);
    }
    this.commits.close();
  }
}
