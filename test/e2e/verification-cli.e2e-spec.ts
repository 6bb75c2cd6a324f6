import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '../../src/core/canonical/canonical-json';
import { CmsSigner } from '../../src/pki/crypto/cms-signer';
import { DevSigningKey } from '../../src/pki/crypto/dev-pki';
import { derToPem } from '../../src/pki/crypto/x509';
import { TestHub } from '../support/hub';
import { ExternalPki } from '../support/pki';
import { PROJECT_ROOT, runBuilt } from '../support/run-cli';
import { issueWithParts, verify } from '../support/verification';

// The offline verifier (dist/verification/cli/ecoo-verify.js, no hub running for it) and the API
// judge the same fixtures with the same function: the same verdict, and the same outcome and reason
// code for every check the two can both make.

const SHARED_CHECKS = ['INTEGRITY', 'SIGNATURE', 'CHAIN', 'SIGNER_VALIDITY', 'REVOCATION', 'DATASET'];
const HUB_STATE_CHECKS = ['STATUS', 'IMPORT_STATUS', 'QUANTITY'];
const EXIT_CODES: Record<string, number> = { VALID: 0, INVALID: 1, UNKNOWN: 2 };

interface Fixture {
  name: string;
  document: Buffer;
  signature: Buffer;
  verdict: string;
  reasons: string[];
}

describe('ecoo-verify: the offline verifier gives the answers of the API', () => {
  let hub: TestHub;
  let customs: string;
  let dir: string;
  let own: ExternalPki;
  let other: ExternalPki;
  let fixtures: Fixture[];

  // The authority brings its own PKI: its anchor and CRL are public files anyone can verify with.
  async function authorityWithOwnPki(code: string, pki: ExternalPki): Promise<{ token: string; key: DevSigningKey }> {
    const token = await hub.authority(code, 'KH', ['ISSUER'], { signingKey: false });
    expect((await hub.operator('POST', '/v1/pki/trust-anchors', { authority: code, certificatePem: pki.root.certPem })).status).toBe(201);
    const key = pki.signingKey();
    expect((await hub.operator('POST', '/v1/pki/keys/pkcs12', { authority: code, pkcs12: pki.pkcs12(key, 'p12 secret').toString('base64'), password: 'p12 secret' })).status).toBe(201);
    expect((await hub.operator('POST', '/v1/pki/crls', { crlBase64: pki.crl([]).toString('base64') })).status).toBe(201);
    return { token, key };
  }

  function file(name: string, bytes: Buffer | string): string {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  }

  beforeAll(async () => {
    hub = await TestHub.start();
    customs = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    dir = mkdtempSync(join(tmpdir(), 'ecoo-verify-'));
    own = new ExternalPki('KH Chamber of Commerce');
    other = new ExternalPki('KH Other Chamber');
    const stranger = new ExternalPki('Nobody Registered');
    const { token } = await authorityWithOwnPki('KH-CHAMBER', own);
    const { key: otherKey } = await authorityWithOwnPki('KH-OTHER', other);
    file('own-ca.pem', own.root.certPem);
    file('other-ca.pem', other.root.certPem);
    file('own.crl', own.crl([]));
    file('other.crl', derToPem(other.crl([]), 'X509 CRL'));

    const parts = await issueWithParts(hub, token);
    const genuine = JSON.parse(parts.document.toString('utf8'));
    const issueTime = new Date(parts.certificate.issueDateTime);
    const signWith = (key: DevSigningKey, pki: ExternalPki) =>
      new CmsSigner({ signerCertDer: key.certDer, chainDer: [pki.issuing.certDer], privateKey: key.privateKey }).sign(parts.document, issueTime);
    const tampered = { ...genuine, items: genuine.items.map((item: any) => ({ ...item, quantity: { value: '30000', unit: 'KGM' } })) };
    fixtures = [
      { name: 'valid', document: parts.document, signature: parts.signature, verdict: 'VALID', reasons: [] },
      // Pretty-printed, as a person would save it: the same RFC 8785 form, a changed quantity.
      { name: 'tampered', document: Buffer.from(JSON.stringify(tampered, null, 2)), signature: parts.signature, verdict: 'INVALID', reasons: ['TAMPERED_DOCUMENT'] },
      { name: 'other-authority', document: parts.document, signature: signWith(otherKey, other), verdict: 'INVALID', reasons: ['SIGNER_NOT_EXPECTED'] },
      { name: 'untrusted-ca', document: parts.document, signature: signWith(stranger.signingKey(), stranger), verdict: 'INVALID', reasons: ['UNTRUSTED_CHAIN'] },
    ];
    expect(canonicalJson(genuine)).toBe(parts.document.toString('utf8'));
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await hub.close();
  });

  function cli(fixture: Fixture, extra: string[] = [], signature: Buffer | string = fixture.signature): { status: number | null; stdout: string; stderr: string } {
    const args = [file(`${fixture.name}.json`, fixture.document), file(`${fixture.name}.sig`, signature), '--ca', join(dir, 'own-ca.pem'), '--known-ca', join(dir, 'other-ca.pem'), '--crl', join(dir, 'own.crl'), '--crl', join(dir, 'other.crl'), ...extra];
    return runBuilt('verification/cli/ecoo-verify.js', {}, args);
  }

  it('gives, for each fixture, the verdict, the reasons and every shared check of the API', async () => {
    for (const fixture of fixtures) {
      const api = await verify(hub, { documentBase64: fixture.document.toString('base64'), signature: fixture.signature.toString('base64') }, { token: customs });
      expect(api.status).toBe(200);
      const offline = cli(fixture, ['--json']);
      expect({ fixture: fixture.name, stderr: offline.stderr, status: offline.status }).toEqual({ fixture: fixture.name, stderr: '', status: EXIT_CODES[fixture.verdict] });
      const answer = JSON.parse(offline.stdout);

      expect({ fixture: fixture.name, api: api.body.verdict, cli: answer.verdict }).toEqual({ fixture: fixture.name, api: fixture.verdict, cli: fixture.verdict });
      expect(answer.reasons).toEqual(fixture.reasons);
      expect(api.body.reasons).toEqual(fixture.reasons);
      const pick = (checks: any[], names: string[]) => checks.filter((c) => names.includes(c.check)).map((c) => [c.check, c.outcome, c.reason]);
      expect(pick(answer.checks, SHARED_CHECKS)).toEqual(pick(api.body.checks, SHARED_CHECKS));
      // What only the hub knows is said to be unknown offline, not guessed.
      expect(pick(answer.checks, HUB_STATE_CHECKS)).toEqual(HUB_STATE_CHECKS.map((check) => [check, 'NOT_APPLICABLE', 'OFFLINE']));
      expect(pick(api.body.checks, ['STATUS'])).toEqual([['STATUS', 'PASS', 'ISSUED']]);
    }
    // The CRLs were read on both sides: the genuine signature is NOT_REVOKED per the issuer's CRL.
    const valid = JSON.parse(cli(fixtures[0], ['--json']).stdout);
    expect(valid.checks.find((c: any) => c.check === 'REVOCATION')).toMatchObject({ outcome: 'PASS', reason: 'NOT_REVOKED', message: expect.stringContaining('CRL') });
  });

  it('reads a PEM or base64 signature, verifies exact bytes with --raw, and prints a readable report', () => {
    const [valid, tampered] = fixtures;
    expect(cli(valid, [], derToPem(valid.signature, 'CMS')).status).toBe(0);
    expect(cli(valid, [], valid.signature.toString('base64')).status).toBe(0);
    // The canonical bytes as they are pass --raw; the pretty-printed tampered file does not even match its own form.
    expect(cli(valid, ['--raw']).status).toBe(0);
    expect(cli({ ...valid, name: 'pretty', document: Buffer.from(JSON.stringify(JSON.parse(valid.document.toString()), null, 2)) }, ['--raw']).status).toBe(1);
    const report = cli(tampered);
    expect(report.status).toBe(1);
    expect(report.stdout).toMatch(/^INVALID {2}.*tampered\.json {2}\(TAMPERED_DOCUMENT\)/);
    expect(report.stdout).toMatch(/FAIL\s+INTEGRITY\s+TAMPERED_DOCUMENT/);
    expect(report.stdout).toMatch(/NOT_APPLICABLE\s+STATUS\s+OFFLINE/);
  });

  it('judges the signer at the issue time given: after the signer certificate expired, SIGNER_EXPIRED_AT_ISSUE', () => {
    // The signing certificate runs a year, its CAs five and ten: 400 days on, only the signer has expired.
    const later = new Date(Date.now() + 400 * 86_400_000).toISOString();
    const late = cli(fixtures[0], ['--json', '--issue-time', later]);
    expect(late.status).toBe(1);
    expect(JSON.parse(late.stdout).reasons).toEqual(['SIGNER_EXPIRED_AT_ISSUE']);
  });

  it('answers 2 with a message for what it cannot read: no anchor, a document that is not JSON, a signature that is not one, a missing file', () => {
    const valid = fixtures[0];
    const cases: [string[], RegExp][] = [
      [[file('a.json', valid.document), file('a.sig', valid.signature)], /--ca/],
      [[file('b.json', '<certificate/>'), file('b.sig', valid.signature), '--ca', join(dir, 'own-ca.pem')], /not JSON/],
      [[file('c.json', valid.document), file('c.sig', 'this is not a signature!'), '--ca', join(dir, 'own-ca.pem')], /signature must be DER/],
      [[file('d.json', valid.document), file('d.sig', valid.signature), '--ca', join(dir, 'missing.pem')], /cannot read the trust anchor .*ENOENT/],
      [[file('e.json', valid.document), file('e.sig', valid.signature), '--ca', file('not-a-ca.pem', 'hello')], /not an X\.509 certificate/],
      [[file('f.json', valid.document), file('f.sig', valid.signature), '--ca', join(dir, 'own-ca.pem'), '--crl', file('bad.crl', 'nope')], /not a CRL/],
    ];
    for (const [args, message] of cases) {
      const result = runBuilt('verification/cli/ecoo-verify.js', {}, args);
      expect({ args, status: result.status }).toEqual({ args, status: 2 });
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
    }
    // A truncated signature is a verdict, not a usage error.
    const truncated = cli(valid, ['--json'], valid.signature.subarray(0, 200));
    expect(truncated.status).toBe(1);
    expect(JSON.parse(truncated.stdout).reasons).toEqual(['MALFORMED_CMS', 'NOT_VERIFIABLE']);
  });
});

// A customs officer runs the verifier once per certificate: it loads what it checks with (the
// dataset's shape and rules, node-forge), not the API's framework. The dataset DTOs' OpenAPI
// decorations wait for the API's document (core/http/deferred-api-property.ts) so that swagger and
// Nest, once 0.7 s of its 1 s start, stay unloaded.
describe('ecoo-verify: what it loads', () => {
  it('loads no module of Nest, swagger, TypeORM, PostgreSQL, BullMQ or Fastify', () => {
    const modules = ['offline-verification', 'offline-credential', 'offline-receipt', 'certificate-files', 'cli-files', 'cli-options'];
    const probe = [
      `for (const m of ${JSON.stringify(modules)}) require(${JSON.stringify(join(PROJECT_ROOT, 'dist/verification/cli'))} + '/' + m + '.js');`,
      'const loaded = Object.keys(require.cache).map((file) => /node_modules\\/((@[^/]+\\/)?[^/]+)\\//.exec(file)?.[1]).filter(Boolean);',
      'process.stdout.write(JSON.stringify([...new Set(loaded)].sort()));',
    ].join('\n');
    const result = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    const packages = JSON.parse(result.stdout) as string[];
    // What it does load: the shape checks and the CMS parser.
    expect(packages).toEqual(expect.arrayContaining(['class-validator', 'node-forge']));
    expect(packages.filter((name) => /^(@nestjs\/.*|typeorm|pg|bullmq|ioredis|fastify|@fastify\/.*)$/.test(name))).toEqual([]);
  });
});
