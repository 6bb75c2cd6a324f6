import 'reflect-metadata';
import { readMasterKey } from './core/config/master-key';
import { createDataSource } from './core/database/data-source';
import { MasterKeyRing } from './core/secrets/master-key-ring';
import { MasterKeyRotation, RotationReport, rotationComplete } from './core/secrets/master-key-rotation';
import { ENTITIES } from './entities';

// `npm run keys:rotate-master [-- --batch-size N --lock-wait-ms N | --report]`: seals every secret the database
// keeps under the master key (each entity registered with @SealedUnderMasterKey: private keys,
// partners' outbound tokens, ...) again under HUB_MASTER_KEY, opening each with the key it names:
// HUB_MASTER_KEY_PREVIOUS, the key being replaced. Safe while the hub runs (short transactions, row
// locks; a row in use is waited for at most --lock-wait-ms, default 5000) and resumable: run it again after a stop and it goes on where it stopped.
// --report only says what is sealed under which key. It reads every entity (src/entities.ts), so
// it lives beside the application root rather than in one module.
// Needs DATABASE_URL (or HUB_MODE=trial with the hub stopped), HUB_MASTER_KEY and
// HUB_MASTER_KEY_PREVIOUS. Exit code 0 when everything is sealed under HUB_MASTER_KEY, 1 when
// something is still sealed under another key or opens with neither, 2 when it could not run.

const MAX_LISTED = 20;

class UsageError extends Error {}

interface Options {
  batchSize: number;
  lockWaitMs: number;
  reportOnly: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { batchSize: 100, lockWaitMs: 5000, reportOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (name === '--batch-size' && value && /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 10_000) options.batchSize = Number(argv[++i]);
    else if (name === '--lock-wait-ms' && value && /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 60_000) options.lockWaitMs = Number(argv[++i]);
    else if (name === '--report') options.reportOnly = true;
    else throw new UsageError(`unknown or incomplete argument "${name}" (use --batch-size N with 1 <= N <= 10000, --lock-wait-ms N with 1 <= N <= 60000, --report)`);
  }
  return options;
}

function readKeys(env: NodeJS.ProcessEnv): MasterKeyRing {
  if (!env.HUB_MASTER_KEY) throw new UsageError('HUB_MASTER_KEY is not set: give the new master key as HUB_MASTER_KEY and the one it replaces as HUB_MASTER_KEY_PREVIOUS');
  const problems = [readMasterKey(env.HUB_MASTER_KEY), ...(env.HUB_MASTER_KEY_PREVIOUS ? [readMasterKey(env.HUB_MASTER_KEY_PREVIOUS, 'HUB_MASTER_KEY_PREVIOUS')] : [])]
    .map((reading) => (reading.ok ? undefined : reading.problem))
    .filter((problem) => problem !== undefined);
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  if (env.HUB_MASTER_KEY_PREVIOUS && env.HUB_MASTER_KEY_PREVIOUS.trim() === env.HUB_MASTER_KEY.trim()) {
    throw new UsageError('HUB_MASTER_KEY_PREVIOUS is the same as HUB_MASTER_KEY: HUB_MASTER_KEY is the new key, HUB_MASTER_KEY_PREVIOUS the one it replaces');
  }
  return MasterKeyRing.of({ masterKey: env.HUB_MASTER_KEY.trim(), masterKeyPrevious: env.HUB_MASTER_KEY_PREVIOUS?.trim() || undefined });
}

function describe(report: RotationReport, say: (line: string) => void): void {
  const name = (keyId: string | null): string =>
    keyId === null ? 'a key not named (sealed before key ids were stored)' : keyId === report.previousKeyId ? `${keyId} (HUB_MASTER_KEY_PREVIOUS)` : `${keyId} (a key not given)`;
  for (const table of report.tables) {
    const left = table.remaining.reduce((n, r) => n + r.rows, 0);
    const under = table.remaining.map((r) => `${r.rows} under ${name(r.keyId)}`).join(', ');
    say(`${table.table} (${table.label}): ${table.resealed} sealed again; ${left === 0 ? 'none left under another key' : `still under another key: ${under}`}`);
    for (const row of table.unopenable.slice(0, MAX_LISTED)) say(`  ${table.table} ${row.id} CANNOT BE OPENED: ${row.reason}`);
    if (table.unopenable.length > MAX_LISTED) say(`  ... and ${table.unopenable.length - MAX_LISTED} more that cannot be opened`);
  }
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const ring = readKeys(process.env);
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  const dataSource = createDataSource(undefined, ENTITIES);
  await dataSource.initialize();
  try {
    const rotation = new MasterKeyRotation(dataSource, ring);
    say(`keys:rotate-master: HUB_MASTER_KEY is ${ring.sealing().id}, HUB_MASTER_KEY_PREVIOUS is ${ring.previous?.id ?? 'not set'}`);
    const report = options.reportOnly ? await rotation.report() : await rotation.run({ batchSize: options.batchSize, lockWaitMs: options.lockWaitMs });
    describe(report, say);
    if (rotationComplete(report)) {
      say(`every sealed secret is under HUB_MASTER_KEY ${report.currentKeyId}${report.previousKeyId ? ': remove HUB_MASTER_KEY_PREVIOUS and restart the hub' : ''}`);
      return 0;
    }
    say(
      report.tables.some((t) => t.unopenable.length > 0)
        ? 'NOT DONE: some secrets open with neither key; give the key they were sealed under as HUB_MASTER_KEY_PREVIOUS and run again'
        : options.reportOnly
          ? 'NOT DONE: some secrets are still under another key: run without --report to seal them again'
          : 'NOT DONE: some secrets are still under another key (rows busy, or a process still sealing with the old HUB_MASTER_KEY): run again',
    );
    return 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`keys:rotate-master could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
