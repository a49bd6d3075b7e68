// A token bucket: holds up to `capacity` tokens, refills `perSecond` of them
// every second. A peer may burst up to the capacity, then only at the rate
// (docs/sync-spec.md, S10).

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.updatedAt = now;
  }

  /** Takes `amount` tokens if there are that many (after refilling up to `now`); false otherwise. */
  take(amount: number, now: number): boolean {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.perSecond);
    this.updatedAt = now;
    if (amount > this.tokens) return false;
    this.tokens -= amount;
    return true;
  }

  /** Seconds until `amount` tokens are there (0 if they are now). */
  secondsUntil(amount: number, now: number): number {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    const tokens = Math.min(this.capacity, this.tokens + elapsed * this.perSecond);
    return tokens >= amount ? 0 : (amount - tokens) / this.perSecond;
  }

  /** Whether the bucket is full again, as a fresh one would be (it can be forgotten). */
  isFull(now: number): boolean {
    return this.secondsUntil(this.capacity, now) === 0;
  }
}
