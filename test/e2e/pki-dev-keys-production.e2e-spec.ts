import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cambodiaToJapan } from '../fixtures/certificates';
import { BuiltHub } from '../support/built-hub';
import { PartnerSimulator, accept } from '../../scripts/partner-simulator/simulator';
import { cambodiaTo, deliveriesOf, eventually, partnerBody } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { ExternalPki } from '../support/pki';
import { runBuilt } from '../support/run-cli';

jest.setTimeout(120_000);

// Whoever holds the operator token of a production hub tries the development shortcut: a throw-away
// CA registered as an authority's trust anchor, then signatures in that authority's name. Under
// NODE_ENV=production it is refused, over HTTP and from the command line, unless the operator marks
// a staging hub with HUB_ALLOW_DEV_KEYS=true, which the hub then announces at every start.
describe('development keys under NODE_ENV=production', () => {
  let own: { url: string; restore: () => Promise<void> };

  beforeAll(async () => {
    own = await useOwnDatabase('devkeys_production');
  });

  afterAll(async () => {
    await own.restore();
  });

  describe('a production hub with no node key', () => {
    let hub: TestHub;

    beforeAll(async () => {
      // Without the run's shared node key files: this hub has no node key at all. Its partner is a
      // simulator on this machine, over plain http.
      hub = await TestHub.start({ env: { NODE_ENV: 'production', HUB_NODE_KEY_FILE: undefined, HUB_NODE_CERT_FILE: undefined, HUB_ALLOW_HTTP_PARTNERS: 'true' } });
    });

    afterAll(async () => {
      await hub.close();
    });

    it('refuses POST /v1/pki/dev-keys with a code that says why, and stores nothing', async () => {
      expect((await hub.operator('POST', '/v1/authorities', { code: 'KH-MOC', name: 'Ministry of Commerce', country: 'KH', roles: ['ISSUER'] })).status).toBe(201);
      for (const body of [{}, { authorities: ['KH-MOC'] }, { authorities: [], node: true }]) {
        const res = await hub.operator('POST', '/v1/pki/dev-keys', body);
        expect(res.status).toBe(403);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(res.body.code).toBe('DEV_KEYS_REFUSED_IN_PRODUCTION');
        expect(res.body.detail).toContain('HUB_ALLOW_DEV_KEYS=true');
      }
      expect(await hub.count('signing_keys')).toBe(0);
      expect(await hub.count('trust_anchors')).toBe(0);
    });

    // Issue 14: every process signs envelopes with the same node key, so where development keys are
    // refused none is made: the hub started anyway, and its deliveries to partners wait until a key is
    // stored. A delivery to a customs authority served here needs none: it is handed over unsigned.
    it('issues; delivers to a local customs authority at once, unsigned; keeps a partner\'s delivery PENDING with NODE_KEY_UNAVAILABLE until a node key is stored, then delivers it signed', async () => {
      const simulator = await PartnerSimulator.start({ expectToken: 'hub-to-partner-token-0123456789' });
      simulator.cycle(accept());
      try {
        // An authority of its own: the staging test below makes KH-MOC a development key.
        const pki = new ExternalPki('KH MOC production');
        const issuer = await hub.authority('KH-PRODNODE', 'KH', ['ISSUER'], { signingKey: false });
        await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
        expect((await hub.operator('POST', '/v1/partners', partnerBody({ code: 'KR-NODE', endpointUrl: simulator.url, routes: [{ country: 'KR', authority: 'KR-CUSTOMS' }] }))).status).toBe(201);
        expect((await hub.operator('POST', '/v1/pki/trust-anchors', { authority: 'KH-PRODNODE', certificatePem: pki.root.certPem })).status).toBe(201);
        const signer = pki.signingKey();
        const imported = await hub.operator('POST', '/v1/pki/keys/pem', { authority: 'KH-PRODNODE', privateKeyPem: pki.privateKeyPem(signer), certificatePem: signer.certPem, chainPem: pki.issuing.certPem });
        expect(imported.status).toBe(201);

        const issue = async (body: Record<string, unknown>): Promise<string> => {
          const created = await hub.request('POST', '/v1/certificates', { token: issuer, body });
          expect(created.status).toBe(201);
          expect((await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer })).status).toBe(200);
          return created.body.id;
        };
        const toJapan = await issue(cambodiaToJapan());
        const toKorea = await issue(cambodiaTo(cambodiaToJapan(), 'KR'));
        const signedOf = async (certificateId: string): Promise<boolean> =>
          (await hub.dataSource.query(`SELECT envelope ? 'signature' AS signed FROM deliveries WHERE certificate_id = $1`, [certificateId]))[0].signed;

        // The local customs authority has it, without a node key.
        const [local] = await eventually('the local delivery', () => deliveriesOf(hub, issuer, toJapan), (ds) => ds[0]?.status === 'DELIVERED');
        expect(local).toMatchObject({ recipient: { route: 'LOCAL', authority: 'JP-CUSTOMS' }, lastErrorCode: null });
        expect(await signedOf(toJapan)).toBe(false);
        // Had it failed (set here by hand: a local handover fails only when this hub's database does),
        // an operator's redelivery sends it again as it is, still without a node key.
        await hub.dataSource.query(`UPDATE deliveries SET status = 'FAILED' WHERE id = $1`, [local.id]);
        const again = await hub.operator('POST', `/v1/deliveries/${local.id}/redeliver`);
        expect(again.status).toBe(200);
        expect(again.body).toEqual({ redelivered: 1, deliveryIds: [local.id] });
        await eventually('the local redelivery', () => deliveriesOf(hub, issuer, toJapan), (ds) => ds[0]?.status === 'DELIVERED' && ds[0]?.generation === local.generation + 1);
        expect(await signedOf(toJapan)).toBe(false);
        // The partner's job ran and found no key: the delivery says why, its retry budget untouched.
        const [waiting] = await eventually('the delivery waiting for a node key', () => deliveriesOf(hub, issuer, toKorea), (ds) => ds[0]?.lastErrorCode === 'NODE_KEY_UNAVAILABLE');
        expect(waiting).toMatchObject({ status: 'PENDING', attemptCount: 0, recipient: { route: 'PARTNER', authority: 'KR-CUSTOMS' } });
        expect(await signedOf(toKorea)).toBe(false);
        expect(simulator.received).toHaveLength(0);

        expect((await hub.operator('POST', '/v1/pki/trust-anchors', { node: true, certificatePem: pki.root.certPem })).status).toBe(201);
        const node = pki.signingKey({ cn: 'KH hub node' });
        const stored = await hub.operator('POST', '/v1/pki/keys/pem', { node: true, privateKeyPem: pki.privateKeyPem(node), certificatePem: node.certPem, chainPem: pki.issuing.certPem });
        expect(stored.status).toBe(201);
        const [delivered] = await eventually('the delivery once a node key is stored', () => deliveriesOf(hub, issuer, toKorea), (ds) => ds[0]?.status === 'DELIVERED');
        expect(delivered.lastErrorCode).toBeNull();
        const [row] = await hub.dataSource.query(`SELECT envelope->'signature'->>'keyId' AS key_id FROM deliveries WHERE certificate_id = $1`, [toKorea]);
        expect(row.key_id).toBe(stored.body.fingerprintSha256);
        expect(simulator.received.map((r) => (r.envelope as { signature?: { keyId?: string } }).signature?.keyId)).toEqual([stored.body.fingerprintSha256]);
        // Retired, so that the staging test below finds no node key, as a fresh hub would.
        expect((await hub.operator('POST', `/v1/pki/keys/${stored.body.id}/retire`)).status).toBe(200);
      } finally {
        await simulator.close();
      }
    });
  });

  it('are refused by npm run pki:dev, before it touches the database', async () => {
    const result = runBuilt('pki/cli/pki-dev.js', { DATABASE_URL: own.url, NODE_ENV: 'production' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('DEV_KEYS_REFUSED_IN_PRODUCTION');
    expect(result.stdout).toBe('');
    const hub = await TestHub.start({ withWorkers: false });
    try {
      expect(await hub.count('signing_keys', `source = 'DEVELOPMENT'`)).toBe(0);
    } finally {
      await hub.close();
    }
  });

  it('are made on a staging hub that allows them, which says so at start and from the command line', async () => {
    const hub = await TestHub.start({ withWorkers: false, env: { NODE_ENV: 'production', HUB_ALLOW_DEV_KEYS: 'true' } });
    try {
      const res = await hub.operator('POST', '/v1/pki/dev-keys', { authorities: ['KH-MOC'] });
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual([expect.objectContaining({ authority: 'KH-MOC', outcome: 'CREATED' })]);
    } finally {
      await hub.close();
    }
    const cli = runBuilt('pki/cli/pki-dev.js', { DATABASE_URL: own.url, NODE_ENV: 'production', HUB_ALLOW_DEV_KEYS: 'true' }, ['--node', '--authority', 'KH-MOC', '--out', mkdtempSync(join(tmpdir(), 'pki-dev-'))]);
    expect(cli.status).toBe(0);
    expect(cli.stderr).toContain('warning: making development keys on a production hub');

    const warning = 'HUB_ALLOW_DEV_KEYS=true under NODE_ENV=production: development keys (POST /v1/pki/dev-keys, npm run pki:dev) can be made on this hub';
    const staging = await BuiltHub.start({ DATABASE_URL: own.url, NODE_ENV: 'production', HUB_ALLOW_DEV_KEYS: 'true', LOG_LEVEL: 'warn' });
    expect(await staging.stop()).toBe(0);
    expect(staging.output).toContain(warning);
    const production = await BuiltHub.start({ DATABASE_URL: own.url, NODE_ENV: 'production', LOG_LEVEL: 'warn' });
    expect(await production.stop()).toBe(0);
    expect(production.output).not.toContain('HUB_ALLOW_DEV_KEYS');
  });
});
