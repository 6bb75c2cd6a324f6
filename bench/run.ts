// The bench runner, run by hand on a quiet machine, never in CI:
//   npm run bench -- [scenario...] [--rounds 3] [--<option> <value>...] [--no-build] [--list]
// Each scenario is one file under bench/scenarios/ (see bench/support/scenario.ts). With no scenario
// named, every scenario runs except the long ones (the fuzzing at length: `npm run bench -- fuzz`).
// The runner builds the hub once (`npm run build`) when a scenario runs dist/, then runs the scenarios
// one at a time, each as N rounds (--rounds, default 3) in which every figure is measured beside its
// reference from the same run, the order alternating from round to round. Before each round it prints
// the load average and the PostgreSQL settings in force (durability, autovacuum). At the end it
// prints one table (figure, hub, reference, ratio, target) of the medians, and writes it with every
// round's numbers to bench/results/<date>.json and .md (<date>-<scenarios> when only some scenarios
// ran).
// Options are shared by name: `--seconds 1` applies to every scenario that has a `seconds` option.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { Client } from 'pg';
import { ADMIN_URL, ROOT } from './support/hub-process';
import { closeClients } from './support/http';
import { Figure, Scenario, ScenarioContext, describeTarget, median, meets } from './support/scenario';

const SCENARIOS = join(__dirname, 'scenarios');
// PostgreSQL's durability settings, and autovacuum: where it is off, nothing refreshes the planner's
// statistics or clears dead rows while a benchmark fills the tables.
const DURABILITY = ['fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes', 'commit_delay', 'commit_siblings', 'wal_level', 'autovacuum'];
const RUNNER_OPTIONS = new Set(['rounds']);
const RUNNER_FLAGS = new Set(['no-build', 'list', 'help']);

interface Arguments {
  names: string[];
  options: Map<string, string>;
  flags: Set<string>;
}

function parse(argv: string[]): Arguments {
  const parsed: Arguments = { names: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) parsed.names.push(arg);
    else if (RUNNER_FLAGS.has(arg.slice(2))) parsed.flags.add(arg.slice(2));
    else if (arg.includes('=')) parsed.options.set(arg.slice(2, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1));
    else {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      parsed.options.set(arg.slice(2), argv[++i]);
    }
  }
  return parsed;
}

function available(): string[] {
  return readdirSync(SCENARIOS)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => basename(file, '.ts'))
    .sort();
}

function load(name: string): Scenario {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const scenario = (require(join(SCENARIOS, `${name}.ts`)) as { default?: Scenario }).default;
  if (!scenario || typeof scenario.start !== 'function') throw new Error(`bench/scenarios/${name}.ts has no default export of a Scenario`);
  return scenario;
}

async function durability(): Promise<Record<string, string> | null> {
  const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ name: string; setting: string }>('SELECT name, setting FROM pg_settings WHERE name = ANY($1) ORDER BY name', [DURABILITY]);
    return Object.fromEntries(rows.map((row) => [row.name, row.setting]));
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function postgresVersion(): Promise<string | null> {
  const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const loadAverage = (): string => loadavg().map((value) => value.toFixed(2)).join(' ');
const settings = (values: Record<string, string> | null): string => (values ? Object.entries(values).map(([name, value]) => `${name}=${value}`).join(' ') : 'not reachable');

function number(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '-';
  const abs = Math.abs(value);
  return abs >= 100 ? Math.round(value).toLocaleString('en-US') : abs >= 10 ? value.toFixed(1) : value.toFixed(2);
}

const ratioOf = (figure: Figure): number | undefined => (figure.hub !== undefined && figure.reference ? figure.hub / figure.reference.value : undefined);

interface Round {
  round: number;
  loadAverage: number[];
  durability: Record<string, string> | null;
  figures: Figure[];
}

interface Row {
  scenario: string;
  figure: string;
  unit: string;
  hub?: number;
  reference?: { label: string; value: number };
  ratio?: number;
  target?: string;
  met?: boolean;
  detail?: Record<string, number>;
}

interface ScenarioResult {
  scenario: string;
  description: string;
  options: Record<string, number>;
  rounds: Round[];
  once: Figure[];
  rows: Row[];
  error?: string;
}

/** Per figure: the median of the hub values, of the reference values, and of the per-round ratios. */
function summarise(scenario: string, rounds: Round[], once: Figure[]): Row[] {
  const order: string[] = [];
  const byFigure = new Map<string, Figure[]>();
  for (const figure of [...rounds.flatMap((round) => round.figures), ...once]) {
    if (!byFigure.has(figure.figure)) order.push(figure.figure);
    byFigure.set(figure.figure, [...(byFigure.get(figure.figure) ?? []), figure]);
  }
  return order.map((name) => {
    const figures = byFigure.get(name)!;
    const first = figures[0];
    const hubs = figures.flatMap((f) => (f.hub === undefined ? [] : [f.hub]));
    const references = figures.flatMap((f) => (f.reference ? [f.reference.value] : []));
    const ratios = figures.flatMap((f) => { const r = ratioOf(f); return r === undefined ? [] : [r]; });
    const detailNames = [...new Set(figures.flatMap((f) => Object.keys(f.detail ?? {})))];
    const row: Row = {
      scenario,
      figure: name,
      unit: first.unit,
      hub: hubs.length ? median(hubs) : undefined,
      reference: references.length ? { label: first.reference!.label, value: median(references) } : undefined,
      ratio: ratios.length ? median(ratios) : undefined,
      target: describeTarget(first.target, first.unit) || undefined,
      detail: detailNames.length ? Object.fromEntries(detailNames.map((d) => [d, median(figures.flatMap((f) => (f.detail?.[d] === undefined ? [] : [f.detail[d]])))])) : undefined,
    };
    if (first.target) row.met = meets(first.target, first.target.on === 'ratio' ? row.ratio : row.hub);
    return row;
  });
}

function figureLine(figure: Figure): string {
  const ratio = ratioOf(figure);
  const parts = [`  ${figure.figure}:`];
  if (figure.hub !== undefined) parts.push(`hub ${number(figure.hub)} ${figure.unit}`);
  if (figure.reference) parts.push(`${figure.hub !== undefined ? 'vs ' : ''}${figure.reference.label} ${number(figure.reference.value)} ${figure.unit}`);
  if (ratio !== undefined) parts.push(`ratio ${ratio.toFixed(3)}`);
  if (figure.detail) parts.push(`(${Object.entries(figure.detail).map(([name, value]) => `${name} ${number(value)}`).join(', ')})`);
  return parts.join(' ');
}

function verdict(row: Row): string {
  if (!row.target) return '';
  return `${row.target}${row.met === undefined ? '' : row.met ? ' (met)' : ' (NOT MET)'}`;
}

function table(results: ScenarioResult[]): string[][] {
  const header = ['scenario', 'figure', 'hub', 'reference', 'ratio', 'target'];
  const rows = results.flatMap((result) =>
    result.error
      ? [[result.scenario, `FAILED: ${result.error.split('\n')[0]}`, '', '', '', '']]
      : result.rows.map((row) => [
          row.scenario,
          row.figure,
          row.hub === undefined ? '-' : `${number(row.hub)} ${row.unit}`,
          row.reference ? `${row.reference.label}: ${number(row.reference.value)} ${row.unit}` : '-',
          row.ratio === undefined ? '-' : `${row.ratio.toFixed(2)}x`,
          verdict(row),
        ]),
  );
  return [header, ...rows];
}

function printTable(cells: string[][]): void {
  const widths = cells[0].map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  for (const [index, row] of cells.entries()) {
    console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
}

function markdown(cells: string[][], machine: Record<string, unknown>, command: string, rounds: number): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const lines = [
    `# Benchmarks, ${String(machine.measuredAt).slice(0, 10)}`,
    '',
    `\`${command}\` on ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB of memory, node ${machine.node}, PostgreSQL ${machine.postgres ?? 'not reachable'}.`,
    `Medians of ${rounds} alternating rounds; the ratio is the median of the per-round ratios hub : reference.`,
    `PostgreSQL settings: ${settings(machine.durability as Record<string, string> | null)}.`,
    `${String(machine.figures)} (measured at the start: scripts/machine-figures.js).`,
    '',
    `| ${cells[0].join(' | ')} |`,
    `| ${cells[0].map(() => '---').join(' | ')} |`,
    ...cells.slice(1).map((row) => `| ${row.map(escape).join(' | ')} |`),
    '',
  ];
  return lines.join('\n');
}

function usage(names: string[]): string {
  const lines = names.map((name) => {
    const scenario = load(name);
    const options = [...Object.entries(scenario.options).map(([option, value]) => `--${option} ${value}`), ...(scenario.textOptions ?? []).map((option) => `[--${option} <text>]`)].join(' ');
    return `  ${name.padEnd(10)} ${scenario.long ? '(long; only when named) ' : ''}${scenario.description}\n  ${''.padEnd(10)} ${options}`;
  });
  return `npm run bench -- [scenario...] [--rounds 3] [--<option> <value>...] [--no-build] [--list]\n\nscenarios:\n${lines.join('\n')}`;
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const names = available();
  if (args.flags.has('list') || args.flags.has('help')) {
    console.log(usage(names));
    return;
  }
  const unknown = args.names.filter((name) => !names.includes(name));
  if (unknown.length) throw new Error(`no such scenario: ${unknown.join(', ')} (there are: ${names.join(', ')})`);
  const selected = args.names.length ? [...new Set(args.names)] : names.filter((name) => !load(name).long);
  const scenarios = selected.map((name) => ({ name, scenario: load(name) }));
  const known = new Set([...RUNNER_OPTIONS, ...scenarios.flatMap(({ scenario }) => [...Object.keys(scenario.options), ...(scenario.textOptions ?? [])])]);
  const stray = [...args.options.keys()].filter((option) => !known.has(option));
  if (stray.length) throw new Error(`no selected scenario takes ${stray.map((o) => `--${o}`).join(', ')} (npm run bench -- --list shows the options)`);
  const rounds = Number(args.options.get('rounds') ?? 3);
  if (!Number.isInteger(rounds) || rounds <= 0) throw new Error('--rounds must be a positive integer');

  if (scenarios.some(({ scenario }) => scenario.build !== false) && !args.flags.has('no-build')) {
    console.log('building the hub (npm run build)');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }

  const machine = {
    measuredAt: new Date().toISOString(),
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown CPU',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    node: process.version,
    postgres: await postgresVersion(),
    durability: await durability(),
    // The kernel's costs beside the CPU's speed (scripts/machine-figures.js says why).
    figures: execFileSync(process.execPath, [join(ROOT, 'scripts/machine-figures.js'), ADMIN_URL], { encoding: 'utf8' }).trim(),
  };
  const command = `npm run bench --${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
  console.log(`${command}\n${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, node ${machine.node}, PostgreSQL ${machine.postgres ?? 'not reachable'}; scenarios: ${selected.join(', ')}; ${rounds} rounds\n${machine.figures}`);

  const results: ScenarioResult[] = [];
  for (const { name, scenario } of scenarios) {
    const options = Object.fromEntries(
      Object.entries(scenario.options).map(([option, fallback]) => {
        const given = args.options.get(option);
        const value = given === undefined ? fallback : Number(given);
        // An option whose default is 0 (an amount that may be none, as pair's --pause) takes 0; the others a positive number.
        const least = fallback === 0 ? 'non-negative' : 'positive';
        if (!Number.isFinite(value) || value < 0 || (value === 0 && fallback !== 0)) throw new Error(`--${option} must be a ${least} number`);
        return [option, value];
      }),
    );
    const scenarioRounds = scenario.once ? 1 : rounds;
    const context: ScenarioContext = {
      option: (option) => {
        if (!(option in options)) throw new Error(`scenario ${name} reads --${option}, which it does not declare`);
        return options[option];
      },
      text: (option) => args.options.get(option),
      rounds: scenarioRounds,
      log: (line) => console.log(`  ${line}`),
    };
    const result: ScenarioResult = { scenario: name, description: scenario.description, options, rounds: [], once: [], rows: [] };
    results.push(result);
    console.log(`\n== ${name}: ${scenario.description}\n   ${Object.entries(options).map(([o, v]) => `--${o} ${v}`).join(' ')}`);
    try {
      const session = await scenario.start(context);
      try {
        for (let round = 1; round <= scenarioRounds; round++) {
          const at = { round, loadAverage: loadavg(), durability: await durability() };
          console.log(`round ${round}: load average ${loadAverage()}; PostgreSQL ${settings(at.durability)}`);
          const figures = await session.round(round);
          for (const figure of figures) console.log(figureLine(figure));
          result.rounds.push({ ...at, figures });
        }
        const once = (await session.finish?.()) ?? [];
        for (const figure of once) console.log(figureLine(figure));
        result.once = once;
      } finally {
        await session.stop();
      }
      result.rows = summarise(name, result.rounds, result.once);
    } catch (error) {
      result.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`scenario ${name} failed: ${result.error}`);
    }
  }

  const cells = table(results);
  console.log(`\nmedians of ${rounds} rounds (load average now ${loadAverage()}):`);
  printTable(cells);
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const defaultSelection = names.filter((name) => !load(name).long);
  const stem = `${machine.measuredAt.slice(0, 10)}${selected.join() === defaultSelection.join() ? '' : `-${selected.join('+')}`}`;
  writeFileSync(join(dir, `${stem}.json`), `${JSON.stringify({ command, machine, rounds, scenarios: results }, null, 2)}\n`);
  writeFileSync(join(dir, `${stem}.md`), markdown(cells, machine, command, rounds));
  console.log(`\nwritten: bench/results/${stem}.json and .md`);
  if (results.some((result) => result.error)) process.exitCode = 1;
  await closeClients();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
