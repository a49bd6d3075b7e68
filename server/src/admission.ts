import crypto from 'node:crypto';
import { HttpError } from './http-util.ts';
import { TokenBucket } from './token-bucket.ts';

// Who may create workshops and open connections, and how fast (issue 13;
// docs/deploy.md, "Access"). A laptop install stays open; an office sets
// CREATE_SECRET so only its staff create workshops. The rate limits hold per
// client address (client-address.ts), in memory only.

export interface AdmissionLimits {
  /** New workshops per address: a burst, then this many per hour. */
  createBurst: number;
  createPerHour: number;
  /**
   * New websocket connections per address: a burst, then per second. Generous:
   * a whole office may sit behind one address and join at the same minute,
   * each browser opening two or three connections.
   */
  connectBurst: number;
  connectPerSecond: number;
  /** Workshops stored at most; creation answers 503 `capacity` beyond. */
  maxSessions: number;
  /** Open websocket connections per workshop at most; more are refused with 503. */
  maxConnectionsPerSession: number;
}

export const ADMISSION_LIMITS: AdmissionLimits = {
  createBurst: 20,
  createPerHour: 120,
  connectBurst: 1000,
  connectPerSecond: 20,
  maxSessions: 10_000,
  maxConnectionsPerSession: 2500,
};

/** No limits: for tests and benchmarks, which create and connect far faster than people. */
export const UNLIMITED: AdmissionLimits = {
  createBurst: Number.MAX_SAFE_INTEGER,
  createPerHour: Number.MAX_SAFE_INTEGER,
  connectBurst: Number.MAX_SAFE_INTEGER,
  connectPerSecond: Number.MAX_SAFE_INTEGER,
  maxSessions: Number.MAX_SAFE_INTEGER,
  maxConnectionsPerSession: Number.MAX_SAFE_INTEGER,
};

/** How many addresses the limiter remembers; full buckets are forgotten first. */
const MAX_ADDRESSES = 50_000;

/** Token buckets per client address; a full bucket is the same as none, so it is dropped. */
export class AddressLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `address`, or throws 429 `rate_limited` with the seconds to wait. */
  take(address: string): void {
    const now = this.now();
    let bucket = this.buckets.get(address);
    if (!bucket) {
      if (this.buckets.size >= MAX_ADDRESSES) this.forget(now);
      bucket = new TokenBucket(this.capacity, this.perSecond, now);
      this.buckets.set(address, bucket);
    }
    if (bucket.take(1, now)) return;
    throw new RateLimited(Math.max(1, Math.ceil(bucket.secondsUntil(1, now))));
  }

  private forget(now: number): void {
    for (const [address, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(address);
    // Still full of busy addresses: drop the oldest, rather than grow without bound.
    for (const address of this.buckets.keys()) {
      if (this.buckets.size < MAX_ADDRESSES) break;
      this.buckets.delete(address);
    }
  }
}

export class RateLimited extends HttpError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'rate_limited', `too many requests; try again in ${retryAfterSeconds} s`);
  }

  override get headers(): Record<string, string> {
    return { 'retry-after': String(this.retryAfterSeconds) };
  }
}

/** Whether `given` is the creation secret; compared in constant time (of the digests). */
export function isCreateSecret(secret: string, given: string | null): boolean {
  if (given === null) return false;
  const digest = (text: string) => crypto.createHash('sha256').update(text).digest();
  return crypto.timingSafeEqual(digest(secret), digest(given));
}
