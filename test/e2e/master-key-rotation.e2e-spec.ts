import { masterKeyId } from '../../src/core/secrets/master-key-ring';
import { PartnerSimulator } from '../../scripts/partner-simulator/simulator';
import { cambodiaToJapan } from '../fixtures/certificates';
import { eventually, partnerBody } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { runBuiltInBackground } from '../support/run-cli';
import { TEST_MASTER_KEY } from '../support/test-env';

jest.setTimeout(180_000);

const OLD_KEY = TEST_MASTER_KEY;
const NEW_KEY = '5e0b7c2d9a4f1863e7d2c5b8a1f4e7d0c3b6a9f2e5d8c1b4a7f0e3d6c9b2a5f8';
const WRONG_KEY = 'c4d9e2f7a0b5c8d1e6f3a4b7c0d9e2f5a8b1c6d3e0f7a2b5c8d1e4f7a0b3c6d9';
const PARTNER_TOKEN = 'hub-to-partner-token-0123456789';

// The master key is replaced while the hub issues and delivers: the hub restarts with the new key
// and the old one as HUB_MASTER_KEY_PREVIOUS, `npm run keys:rotate-master` seals everything again
// under the new key while certificates keep being issued (signed with keys sealed under either key)
// and delivered (with the partner token sealed under either key, in envelopes signed with the stored
// node key), and the hub then restarts without the old key. Nothing is lost: every delivery
// DELIVERED to a partner that checks the token and the node signature, every certificate signed.
describe('master key rotation under load', () => {
  let own: { url: string; restore: () => Promise<void> };
  let hub: TestHub;
  let simulator: PartnerSimulator;
  let issuer: string;

  const rotate = (env: Record<string, string | undefined>, args: string[] = []) =>
    runBuiltInBackground('rotate-master-key.js', { DATABASE_URL: own.url, HUB_MASTER_KEY: NEW_KEY, HUB_MASTER_KEY_PREVIOUS: OLD_KEY, ...env }, args);

  async function issue(): Promise<string> {
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan() });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
    const issued = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer });
    if (issued.status !== 200) throw new Error(`issue: ${issued.status} ${issued.text}`);
    return created.body.id;
  }

  /** Every delivery settled; their statuses with counts. */
  const settledDeliveries = () =>
    eventually(
      'every delivery to settle',
      () => hub.dataSource.query(`SELECT status, count(*)::int AS n FROM deliveries GROUP BY status ORDER BY status`) as Promise<{ status: string; n: number }[]>,
      (rows) => rows.every((r) => r.status !== 'PENDING'),
    );

  const sealedUnderOtherThan = async (keyId: string): Promise<number> =>
    (await hub.count('signing_keys', 'private_key_master_key_id IS DISTINCT FROM $1', [keyId])) +
    (await hub.count('partners', 'outbound_token_sealed IS NOT NULL AND outbound_token_master_key_id IS DISTINCT FROM $1', [keyId]));

  beforeAll(async () => {
    own = await useOwnDatabase('master_key_rotation');
    hub = await TestHub.start({ env: { HUB_MASTER_KEY: OLD_KEY } });
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    await hub.authority('KH-MOC-SPARE', 'KH', ['ISSUER']);
    // The node signs with its key in the pki store (before any configured key file), sealed like the others.
    expect((await hub.operator('POST', '/v1/pki/dev-keys', { authorities: [], node: true })).status).toBe(200);
    const node = await hub.request('GET', '/v1/exchange/node-certificate');
    simulator = await PartnerSimulator.start({ expectToken: PARTNER_TOKEN, senderCertificatePem: node.body.certificate });
    const partner = await hub.operator('POST', '/v1/partners', partnerBody({ endpointUrl: simulator.url, retry: { maxAttempts: 5, baseDelayMs: 50, maxDelayMs: 200 }, timeoutMs: 5000 }));
    expect(partner.status).toBe(201);
    // As a release before key ids: the main issuer's key and the partner token name no master key.
    await hub.dataSource.query(`UPDATE signing_keys SET private_key_master_key_id = NULL WHERE authority_code = 'KH-MOC'`);
    await hub.dataSource.query(`UPDATE partners SET outbound_token_master_key_id = NULL`);
  });

  afterAll(async () => {
    await hub?.close();
    await simulator?.close();
    await own.restore();
  });

  it('issues, signs and delivers with the secrets under the old key, then under either key while the rotation runs, then under the new key alone', async () => {
    await issue();
    expect(await hub.count('signing_keys', 'private_key_master_key_id = $1', [masterKeyId(OLD_KEY)])).toBe(2);

    // Every process restarts with the new key, the old one beside it.
    await hub.close();
    hub = await TestHub.start({ env: { HUB_MASTER_KEY: NEW_KEY, HUB_MASTER_KEY_PREVIOUS: OLD_KEY } });
    await issue();

    // Neither key given opens the secrets under the old one: nothing is changed, and it says so.
    const wrong = await rotate({ HUB_MASTER_KEY_PREVIOUS: WRONG_KEY });
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toMatch(/signing_keys \S+ CANNOT BE OPENED: sealed under master key [0-9a-f]{16}, which this process does not hold/);
    expect(wrong.stdout).toMatch(/partners \S+ CANNOT BE OPENED: sealed before master keys were named, and it does not open with either key held/);
    expect(await sealedUnderOtherThan(masterKeyId(NEW_KEY))).toBe(4);

    // Certificates go on being issued and delivered for as long as the tool runs, and a few after.
    const issued: string[] = [];
    let rotationDone = false;
    let loopError: unknown;
    const load = (async () => {
      for (let after = 0; after < 3; after += rotationDone ? 1 : 0) issued.push(await issue());
    })().catch((error: unknown) => (loopError = error));

    // A hub process holds one key row while the first run passes: the run never waits on it, leaves
    // it for later, and says so. The second run goes on from there.
    const busy = hub.dataSource.createQueryRunner();
    await busy.connect();
    await busy.startTransaction();
    await busy.query(`SELECT id FROM signing_keys WHERE authority_code = 'KH-MOC-SPARE' FOR UPDATE`);
    const first = await rotate({}, ['--batch-size', '1', '--lock-wait-ms', '2000']);
    await busy.rollbackTransaction();
    await busy.release();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(1);
    expect(first.stdout).toMatch(new RegExp(`signing_keys \\(private keys\\): 2 sealed again; still under another key: 1 under ${masterKeyId(OLD_KEY)} \\(HUB_MASTER_KEY_PREVIOUS\\)`));
    expect(first.stdout).toMatch(/partners \(outbound tokens\): 1 sealed again; none left under another key/);
    expect(first.stdout).toMatch(/NOT DONE/);

    const second = await rotate({}, ['--batch-size', '1']);
    rotationDone = true;
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/signing_keys \(private keys\): 1 sealed again; none left under another key/);
    expect(second.stdout).toMatch(/partners \(outbound tokens\): 0 sealed again; none left under another key/);
    expect(second.stdout).toMatch(new RegExp(`every sealed secret is under HUB_MASTER_KEY ${masterKeyId(NEW_KEY)}: remove HUB_MASTER_KEY_PREVIOUS`));
    await load;
    expect(loopError).toBeUndefined();
    expect(issued.length).toBeGreaterThanOrEqual(3);
    expect(await sealedUnderOtherThan(masterKeyId(NEW_KEY))).toBe(0);

    // Nothing lost: every certificate signed, every delivery DELIVERED, each once.
    expect(await settledDeliveries()).toEqual([{ status: 'DELIVERED', n: issued.length + 2 }]);
    expect(await hub.count('certificates', `status = 'ISSUED' AND signature_cms IS NOT NULL`)).toBe(issued.length + 2);
    expect(simulator.stored.size).toBe(issued.length + 2);

    // The old key is gone: the hub still signs (the issuer's key and the node's) and presents the partner token.
    await hub.close();
    hub = await TestHub.start({ env: { HUB_MASTER_KEY: NEW_KEY, HUB_MASTER_KEY_PREVIOUS: undefined } });
    const last = await issue();
    expect(await settledDeliveries()).toEqual([{ status: 'DELIVERED', n: issued.length + 3 }]);
    expect(await hub.count('certificates', `id = $1 AND signature_cms IS NOT NULL`, [last])).toBe(1);
    const report = await rotate({ HUB_MASTER_KEY_PREVIOUS: undefined }, ['--report']);
    expect(report.status).toBe(0);
    expect(report.stdout).toMatch(/every sealed secret is under HUB_MASTER_KEY/);
  });
});
