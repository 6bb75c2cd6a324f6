import 'reflect-metadata';
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Clock } from '../../core/clock/clock';
import { createDataSource } from '../../core/database/data-source';
import { readAuditConfig } from '../audit.config';
import { AuditService } from '../audit.service';
import { SignedCheckpoint, readCheckpoint } from '../domain/audit-checkpoint';
import { AuditVerifier } from '../verify/audit-verifier';

// `npm run audit:verify [-- --checkpoint FILE|URL ... --trust PEM ... --max-delay-ms N]` checks the
// audit log of the database at DATABASE_URL (or the trial data directory):
//   - the chain, recomputed from the first entry (the first broken entry is named);
//   - every stored checkpoint: its signature, and that the chain still holds its head at its seq;
//   - that no entry appended longer ago than the delay bound (HUB_AUDIT_MAX_DELAY_MS, or
//     --max-delay-ms) is still unchained;
//   - each --checkpoint kept outside the hub (a file, or a URL such as another copy's
//     /v1/audit/checkpoint; AUDIT_CHECKPOINT_AUTHORIZATION is sent as its Authorization header):
//     its signature, and that today's chain holds its head at its seq. A rewritten chain whose
//     stored checkpoints went with it is caught here.
// --trust names PEM files of the node certificates (or their CA) the auditor trusts: then every
// checkpoint must be signed by one of them. Exit code 0 when all holds, 1 when something does not,
// 2 when it could not check (bad arguments, unreadable checkpoint, no database).

const MAX_LISTED = 20;

interface Options {
  checkpoints: string[];
  trust: string[];
  maxDelayMs: number;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const options: Options = { checkpoints: [], trust: [], maxDelayMs: readAuditConfig(process.env).maxDelayMs };
  for (let i = 0; i < argv.length; i++) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (name === '--checkpoint' && value) options.checkpoints.push(argv[++i]);
    else if (name === '--trust' && value) options.trust.push(argv[++i]);
    else if (name === '--max-delay-ms' && value && /^\d+$/.test(value)) options.maxDelayMs = Number(argv[++i]);
    else throw new UsageError(`unknown or incomplete argument "${name}" (use --checkpoint FILE|URL, --trust PEM, --max-delay-ms N)`);
  }
  return options;
}

async function readTrusted(paths: string[]): Promise<X509Certificate[] | undefined> {
  if (paths.length === 0) return undefined;
  const certificates: X509Certificate[] = [];
  for (const path of paths) {
    const pems = (await readFile(path, 'utf8')).match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (pems.length === 0) throw new UsageError(`--trust ${path} holds no PEM certificate`);
    certificates.push(...pems.map((pem) => new X509Certificate(pem)));
  }
  return certificates;
}

// A file or an answer holds one checkpoint, an array of them, or a page of GET /v1/audit/checkpoints.
async function readSaved(source: string): Promise<SignedCheckpoint[]> {
  let text: string;
  if (/^https?:\/\//.test(source)) {
    const authorization = process.env.AUDIT_CHECKPOINT_AUTHORIZATION;
    const response = await fetch(source, { headers: authorization ? { authorization } : {} });
    if (response.status !== 200) throw new UsageError(`${source} answered ${response.status}`);
    text = await response.text();
  } else {
    text = await readFile(source, 'utf8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${source} is not JSON`);
  }
  const page = value as { items?: unknown };
  const list = Array.isArray(value) ? value : typeof value === 'object' && value !== null && Array.isArray(page.items) ? page.items : [value];
  return list.map((item, i) => {
    const read = readCheckpoint(item);
    if (!read.checkpoint) throw new UsageError(`${source}${list.length > 1 ? ` [${i}]` : ''} is not a checkpoint: ${read.problems.join('; ')}`);
    return read.checkpoint;
  });
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const trusted = await readTrusted(options.trust);
  const saved = await Promise.all(options.checkpoints.map(async (source) => ({ source, checkpoints: await readSaved(source) })));
  const dataSource = createDataSource();
  await dataSource.initialize();
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  let problems = 0;
  try {
    const verifier = new AuditVerifier(dataSource, new AuditService(dataSource, new Clock()));

    const chain = await verifier.chain();
    if (chain.ok) {
      say(`audit chain intact: ${chain.checked} entries checked`);
    } else {
      const broken = chain.firstBroken!;
      say(`audit chain BROKEN at entry seq=${broken.seq} id=${broken.id}: ${broken.reason}: ${broken.message}`);
      say(`${chain.checked} entries before it are intact`);
      problems += 1;
    }

    const checkpoints = await verifier.checkpoints(trusted);
    if (checkpoints.issues.length === 0) {
      const signers = [...checkpoints.signers].map(([keyId, n]) => `${keyId} (${n})`).join(', ');
      say(`checkpoints: ${checkpoints.checked} checked, every signature valid${trusted ? ' and trusted' : ''}, the chain holds every head${signers ? `; signed by ${signers}` : ''}`);
    } else {
      for (const issue of checkpoints.issues.slice(0, MAX_LISTED)) say(`checkpoint seq=${issue.seq} FAILS ${issue.problem}: ${issue.message}`);
      if (checkpoints.issues.length > MAX_LISTED) say(`... and ${checkpoints.issues.length - MAX_LISTED} more checkpoint problems`);
      problems += checkpoints.issues.length;
    }

    const unchained = await verifier.unchained(options.maxDelayMs);
    if (unchained.late > 0) {
      const oldest = unchained.oldest!;
      say(
        `unchained entries BEHIND: ${unchained.late} appended more than ${unchained.boundMs} ms ago are not chained (oldest id=${oldest.id}, ${oldest.ageMs} ms ago): ` +
          'no worker sequences the log, or it cannot sign',
      );
      problems += 1;
    } else {
      say(`unchained entries: ${unchained.waiting} waiting, none older than ${unchained.boundMs} ms`);
    }

    for (const { source, checkpoints: list } of saved) {
      for (const checkpoint of list) {
        const findings = await verifier.saved(checkpoint, trusted);
        const label = `saved checkpoint ${source} seq=${checkpoint.seq}`;
        if (findings.length === 0) say(`${label}: signature valid${trusted ? ' and trusted' : ''}, the chain holds its head ${checkpoint.head}`);
        for (const finding of findings) say(`${label} FAILS ${finding.problem}: ${finding.message}`);
        problems += findings.length;
      }
    }

    say(problems === 0 ? 'audit log intact' : `audit log BROKEN: ${problems} problem${problems === 1 ? '' : 's'}`);
    return problems === 0 ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit:verify could not check the audit log: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
