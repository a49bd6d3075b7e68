import type { Logger } from './logger.ts';
import { CLOSE } from '@plenum/shared/protocol';
import type { Rooms } from './rooms.ts';
import type { Storage } from './storage.ts';

// Deleting a workshop, on request (DELETE /api/sessions/:id) or when it is
// older than RETENTION_DAYS (docs/privacy.md). Both take the same path:
// connections close with 4404, then every row goes and is overwritten on
// disk (Storage.deleteSessions), so nothing of it stays recoverable.

const DAY_MS = 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;

export interface WorkshopStore {
  storage: Storage;
  rooms: Rooms;
}

/** Deletes workshops (one on request, all overdue ones in a sweep); the write-ahead log is scrubbed once, after the last (Storage.deleteSessions). */
export function deleteWorkshops(store: WorkshopStore, sessionIds: readonly string[]): void {
  store.storage.deleteSessions(sessionIds, (id) => store.rooms.dropSession(id, CLOSE.sessionDeleted, 'session deleted'));
}

export interface RetentionOptions {
  /** Days after its creation a workshop is deleted; undefined keeps workshops until they are deleted by hand. */
  days: number | undefined;
  now: () => number;
  logger: Logger;
}

/** Deletes workshops older than the period: once when the server starts, then hourly. */
export class Retention {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: WorkshopStore,
    private readonly options: RetentionOptions,
  ) {}

  /** Deletes every workshop created more than `days` ago; returns their ids. */
  sweep(): string[] {
    const { days, now } = this.options;
    if (days === undefined) return [];
    const expired = this.store.storage.sessionsCreatedBefore(now() - days * DAY_MS);
    deleteWorkshops(this.store, expired);
    if (expired.length) this.options.logger.info({ deleted: expired.length, days }, 'retention: deleted workshops past the period');
    return expired;
  }

  start(): void {
    if (this.options.days === undefined || this.timer) return;
    this.sweepLogged();
    this.timer = setInterval(() => this.sweepLogged(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  private sweepLogged(): void {
    try {
      this.sweep();
    } catch (error) {
      // A failed sweep (disk full) is tried again next hour; it must not stop the server.
      this.options.logger.error({ err: error }, 'retention sweep failed');
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
