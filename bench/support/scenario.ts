// What a benchmark scenario is to the bench runner (bench/run.ts). One file per scenario under
// bench/scenarios/, whose default export is a Scenario; the runner finds them by listing that folder,
// so a new scenario is a new file and nothing else.
//
// The runner starts a scenario once, then asks it for N rounds (--rounds, default 3). In each round
// the scenario measures every figure beside its reference, in the same run, with the order of the two
// alternating from round to round (alternate() below). The runner prints the load average and the
// PostgreSQL durability settings with each round, then reports per figure the median of the hub
// values, the median of the reference values and the median of the per-round ratios hub : reference.

/** A bound an issue states for a figure: on the ratio hub : reference, or on the hub value itself. */
export interface Target {
  on: 'ratio' | 'hub';
  atLeast?: number;
  atMost?: number;
}

/** One figure measured in one round. */
export interface Figure {
  /** What is measured, unique within the scenario; the same text every round. */
  figure: string;
  /** The unit of `hub` and `reference.value`: '/s', 'ms', 'tx/s'. */
  unit: string;
  /** The hub's value; absent for a row that only reports a reference (e.g. openssl speed). */
  hub?: number;
  /** The reference measured in the same round (or quoted, which the label then says). */
  reference?: { label: string; value: number };
  target?: Target;
  /** More numbers of the same measurement (p50, p99, errors...), kept in the results file. */
  detail?: Record<string, number>;
}

export interface ScenarioContext {
  /** A numeric option: `--<name> <value>` from the command line, else the scenario's default. */
  option(name: string): number;
  /** A text option given on the command line, if any (`--<name> <value>`). */
  text(name: string): string | undefined;
  rounds: number;
  log(line: string): void;
}

export interface Session {
  /** Measures every figure once, beside its reference; `round` counts from 1. */
  round(round: number): Promise<Figure[]>;
  /** After the last round: checks or figures that are measured once (e.g. the audit chain verified). */
  finish?(): Promise<Figure[] | void>;
  /** Stops what start() started; called even when a round failed. */
  stop(): Promise<void>;
}

export interface Scenario {
  /** One line: what the scenario measures and against what. */
  description: string;
  /** Numeric options and their defaults (`--seconds 10` etc.; --rounds belongs to the runner): positive, or 0 and up where the default is 0. */
  options: Record<string, number>;
  /** Text options the scenario reads with context.text() (`--target CMS`), with no default. */
  textOptions?: string[];
  /** Runs the built hub (dist/): the runner builds once before the first such scenario. Default true. */
  build?: boolean;
  /** Left out of a run that names no scenario (e.g. the fuzzing at length). */
  long?: boolean;
  /** One round whatever --rounds says (a scenario that is not a timing, e.g. the fuzzing). */
  once?: boolean;
  start(context: ScenarioContext): Promise<Session>;
}

/** The order of a round's measurements: as given in odd rounds, reversed in even ones. */
export function alternate<T>(round: number, items: readonly T[]): T[] {
  return round % 2 === 1 ? [...items] : [...items].reverse();
}

/** The median; for an even count, the mean of the two middle values. */
export function median(values: number[]): number {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Whether `value` meets `target` (undefined when there is no target or no value). */
export function meets(target: Target | undefined, value: number | undefined): boolean | undefined {
  if (!target || value === undefined || Number.isNaN(value)) return undefined;
  return (target.atLeast === undefined || value >= target.atLeast) && (target.atMost === undefined || value <= target.atMost);
}

export function describeTarget(target: Target | undefined, unit: string): string {
  if (!target) return '';
  const what = target.on === 'ratio' ? 'ratio' : 'hub';
  const suffix = target.on === 'ratio' ? 'x' : ` ${unit}`;
  const parts: string[] = [];
  if (target.atLeast !== undefined) parts.push(`${what} >= ${target.atLeast}${suffix}`);
  if (target.atMost !== undefined) parts.push(`${what} <= ${target.atMost}${suffix}`);
  return parts.join(', ');
}
