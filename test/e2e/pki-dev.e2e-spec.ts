import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cambodiaToJapan } from '../fixtures/certificates';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { runBuilt } from '../support/run-cli';

// `npm run pki:dev` equips every registered authority that has no active key, on a database of its
// own (it would equip the other specs' authorities too).
describe('pki:dev: the development PKI from the command line', () => {
  let hub: TestHub;
  let own: { url: string; restore: () => Promise<void> };
  let out: string;

  beforeAll(async () => {
    own = await useOwnDatabase('pkidev');
    hub = await TestHub.start({ withWorkers: false });
    out = mkdtempSync(join(tmpdir(), 'pki-dev-'));
  });

  afterAll(async () => {
    rmSync(out, { recursive: true, force: true });
    await hub.close();
    await own.restore();
  });

  const pkiDev = (env: Record<string, string | undefined> = {}) => runBuilt('pki/cli/pki-dev.js', { DATABASE_URL: own.url, ...env }, ['--out', out]);

  it('refuses to run without HUB_MASTER_KEY, saying why', () => {
    const result = pkiDev({ HUB_MASTER_KEY: '' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('HUB_MASTER_KEY is not set');
  });

  it('gives every authority and the node a throw-away CA and an active key, once', async () => {
    const issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER'], { signingKey: false });
    await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    const first = pkiDev();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/authority JP-CUSTOMS: signing key created/);
    expect(first.stdout).toMatch(/authority KH-MOC: signing key created .*KH-MOC-ca\.pem/);
    expect(first.stdout).toMatch(/hub node: signing key created/);
    expect(readFileSync(join(out, 'KH-MOC-ca.pem'), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);

    const keys = (await hub.operator('GET', '/v1/pki/keys?status=ACTIVE')).body;
    expect(keys.map((k: any) => k.authority ?? 'node').sort()).toEqual(['JP-CUSTOMS', 'KH-MOC', 'node']);
    expect(keys.every((k: any) => k.source === 'DEVELOPMENT')).toBe(true);
    const anchors = (await hub.operator('GET', '/v1/pki/trust-anchors')).body;
    expect(anchors).toHaveLength(3);

    // The CLI wrote keys the running hub signs with.
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan() });
    expect((await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer })).status).toBe(200);

    const again = pkiDev();
    expect(again.status).toBe(0);
    expect(again.stdout.match(/already has an active key/g)).toHaveLength(3);
    expect(await hub.count('signing_keys')).toBe(3);
    expect(await hub.count('audit_log', `action = 'SIGNING_KEY_ACTIVATED' AND actor = 'operator:pki-dev'`)).toBe(3);
  });
});
