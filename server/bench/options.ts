import { SCENARIO_NAMES, type ScenarioName } from './report.ts';

// The command line of `npm run bench` (server/bench/run.ts).

export interface BenchOptions {
  quick: boolean;
  scenarios: ScenarioName[];
  compare: boolean;
  /** Write docs/benchmarks.md and .json: by default only a full run of every scenario does. */
  write: boolean;
  plenumEnv: Record<string, string>;
  workers: number;
  help: boolean;
}

export const USAGE = `npm run bench -- [options]   (or: node --import tsx server/bench/run.ts [options])

  --quick                 fewer and shorter runs (minutes instead of ~10); not written unless --write
  --scenario <name>       only this scenario (repeat, or comma-separated): ${SCENARIO_NAMES.join(', ')}
  --compare               print the change against the figures recorded in docs/benchmarks.json (writes nothing unless --write)
  --write / --no-write    record the figures in docs/benchmarks.md and docs/benchmarks.json (default: only a full run of all scenarios)
  --plenum-env KEY=VALUE  extra environment for the Plenum process (repeat), e.g. a durability mode
  --workers <n>           load generator threads (default 2)
  --help`;

export function parseOptions(argv: string[]): BenchOptions {
  const options: BenchOptions = { quick: false, scenarios: [], compare: false, write: false, plenumEnv: {}, workers: 2, help: false };
  let write: boolean | undefined;
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') options.quick = true;
    else if (arg === '--compare') options.compare = true;
    else if (arg === '--write') write = true;
    else if (arg === '--no-write') write = false;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--scenario') {
      for (const name of value(i++, arg).split(',')) {
        if (!(SCENARIO_NAMES as readonly string[]).includes(name)) throw new Error(`unknown scenario ${name}: one of ${SCENARIO_NAMES.join(', ')}`);
        if (!options.scenarios.includes(name as ScenarioName)) options.scenarios.push(name as ScenarioName);
      }
    } else if (arg === '--plenum-env') {
      const pair = value(i++, arg);
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new Error(`--plenum-env wants KEY=VALUE, got ${pair}`);
      options.plenumEnv[pair.slice(0, eq)] = pair.slice(eq + 1);
    } else if (arg === '--workers') {
      const n = Number(value(i++, arg));
      if (!Number.isInteger(n) || n < 1) throw new Error('--workers wants a whole number of 1 or more');
      options.workers = n;
    } else throw new Error(`unknown option ${arg}\n\n${USAGE}`);
  }
  const all = options.scenarios.length === 0;
  if (all) options.scenarios = [...SCENARIO_NAMES];
  options.write = write ?? (all && !options.quick && !options.compare);
  return options;
}
