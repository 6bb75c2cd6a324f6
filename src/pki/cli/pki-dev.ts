import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AuditModule } from '../../audit/audit.module';
import { CoreModule } from '../../core/core.module';
import { devKeysAllowed } from '../../core/config/hub.config';
import { runMigrations } from '../../core/database/migrate';
import { DomainError } from '../../core/errors/domain-error';
import { assertMasterKey } from '../crypto/key-encryption';
import { DevKeysDto } from '../dto/dev-keys.dto';
import { PkiModule } from '../pki.module';
import { DevKeysService } from '../services/dev-keys.service';

// `npm run pki:dev [-- --authority KH-MOC ... --node --out data/dev-pki]`: the development PKI from
// the command line (the same as POST /v1/pki/dev-keys). Every registered authority and the hub node
// get a throw-away CA, registered as their trust anchor, and an ACTIVE signing key, unless they
// already have an active key. The CA certificates go to --out for `openssl cms -verify -CAfile`.
// Needs DATABASE_URL and HUB_MASTER_KEY. Exit code 0 when done, 2 when it could not run.

interface Options {
  authorities: string[];
  node: boolean;
  out: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { authorities: [], node: false, out: 'data/dev-pki' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--authority' && argv[i + 1]) options.authorities.push(argv[++i]);
    else if (arg === '--node') options.node = true;
    else if (arg === '--out' && argv[i + 1]) options.out = argv[++i];
    else throw new Error(`unknown argument "${arg}" (use --authority CODE, --node, --out DIR)`);
  }
  return options;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  // Said before anything is touched; the service refuses again, for the API's sake.
  if (!devKeysAllowed(process.env)) {
    console.error('pki:dev: DEV_KEYS_REFUSED_IN_PRODUCTION: development keys are refused under NODE_ENV=production; register real keys, or set HUB_ALLOW_DEV_KEYS=true on a staging hub');
    return 2;
  }
  if (process.env.NODE_ENV === 'production') console.error('pki:dev: warning: making development keys on a production hub (HUB_ALLOW_DEV_KEYS=true)');
  const masterKey = process.env.HUB_MASTER_KEY;
  if (!masterKey) {
    console.error('pki:dev: HUB_MASTER_KEY is not set, so private keys cannot be stored: set it to 32 random bytes (openssl rand -hex 32), the same value the hub runs with');
    return 2;
  }
  assertMasterKey(masterKey);
  const version = Number(process.env.HUB_MASTER_KEY_VERSION ?? 1);
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ecoo';
  await runMigrations(url);
  const context = CoreModule.forCommandLine({
    databaseUrl: url,
    hub: { masterKey, masterKeyPrevious: process.env.HUB_MASTER_KEY_PREVIOUS || undefined, masterKeyVersion: version, benchDigestOnly: false, devKeysAllowed: devKeysAllowed(process.env) },
    features: [AuditModule, PkiModule],
  });
  const app = await NestFactory.createApplicationContext(context, { logger: ['error'], abortOnError: false });
  try {
    // `--node` alone equips the node only; no argument equips every authority and the node.
    const dto: DevKeysDto = options.authorities.length > 0 || options.node ? { authorities: options.authorities, node: options.node } : {};
    const { results } = await app.get(DevKeysService).equip(dto, 'operator:pki-dev');
    const out = resolve(options.out);
    for (const result of results) {
      const who = result.node ? 'hub node' : `authority ${result.authority}`;
      let line = `${who}: ${result.outcome === 'CREATED' ? 'signing key created' : 'already has an active key'} (${result.keyId})`;
      if (result.caCertificatePem) {
        mkdirSync(out, { recursive: true });
        const file = join(out, `${result.node ? 'node' : result.authority}-ca.pem`);
        writeFileSync(file, result.caCertificatePem);
        line += `, trust anchor ${file}`;
      }
      process.stdout.write(`${line}\n`);
    }
    if (results.length === 0) process.stdout.write('no authority is registered and --node was not given: nothing to do\n');
    return 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof DomainError || error instanceof Error ? error.message : String(error);
    console.error(`pki:dev failed: ${message}`);
    process.exit(2);
  },
);
