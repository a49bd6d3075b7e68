// Loaded into each server under test with `--import` (servers.ts): how long
// the server's own event loop stood still during the measured window. A
// fan-out p99 may come from the server's thread (a long task, a pause for
// garbage collection) or from outside it (the load generator, the machine);
// this tells the two apart, for both servers alike.
//
// Plain JavaScript, so it loads without tsx into the compiled Plenum as into
// the stock server. SIGUSR2 toggles: the first starts the window, the second
// ends it and prints one line, `{"eventLoopDelay":{"p99":…,"max":…}}` in ms.
// (SIGUSR1 is Node's own, for the inspector.)

import { monitorEventLoopDelay } from 'node:perf_hooks';

// Node's default resolution: a stall is measured whole, as the lateness of
// the tick it held up, and the timer costs the server 100 wake-ups a second
// (at 1 ms, 1,000). The histogram records the time between ticks, so the
// lateness is that less the resolution.
const RESOLUTION_MS = 10;
const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
let measuring = false;

process.on('SIGUSR2', () => {
  if (!measuring) {
    histogram.reset();
    histogram.enable();
    measuring = true;
    return;
  }
  histogram.disable();
  measuring = false;
  const ms = (ns) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100);
  process.stdout.write(`${JSON.stringify({ eventLoopDelay: { p99: ms(histogram.percentile(99)), max: ms(histogram.max) } })}\n`);
});
