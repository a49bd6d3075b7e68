// Offset between this browser's clock and the server's, so every screen shows
// the same remaining time whatever its own clock says. Measured once per load
// (and again on demand), halving the round trip.

let offsetMs = 0;
let measured: Promise<number> | null = null;

export function measureServerOffset(): Promise<number> {
  measured ??= (async () => {
    const samples: { offset: number; rtt: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const sent = Date.now();
      const res = await fetch('/api/time', { cache: 'no-store' });
      const { now } = (await res.json()) as { now: number };
      const received = Date.now();
      samples.push({ offset: now - (sent + received) / 2, rtt: received - sent });
    }
    samples.sort((a, b) => a.rtt - b.rtt);
    offsetMs = samples[0]?.offset ?? 0;
    return offsetMs;
  })().catch(() => {
    measured = null;
    return offsetMs;
  });
  return measured;
}

export function serverNow(): number {
  return Date.now() + offsetMs;
}
