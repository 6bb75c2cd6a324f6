import { cambodiaToJapan } from '../fixtures/certificates';
import { TestDnsServer } from '../support/dns-server';
import { devNodeIdentity, eventually, forgetNodeIdentity, partnerBody, useNodeIdentity } from '../support/exchange';
import { TEST_ADMIN_TOKEN, TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { PartnerSimulator } from '../../scripts/partner-simulator/simulator';

jest.setTimeout(120_000);

const PARTNER_TOKEN = 'hub-to-partner-token-0123456789';

// An operator (or whoever took over the operator's token, or a partner that controls its own DNS)
// tries to make the hub send its signed envelopes, with their bearer token, somewhere inside the
// hub's own network: the machine itself, the cloud metadata service, a link-local neighbour.
describe('outbound connections: the hub sends only where the outbound policy allows', () => {
  const node = devNodeIdentity('KH hub node');
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let simulator: PartnerSimulator;
  let dns: TestDnsServer;
  let issuer: string;

  beforeAll(async () => {
    own = await useOwnDatabase('outbound_guard');
    useNodeIdentity(node);
    simulator = await PartnerSimulator.start({ expectToken: PARTNER_TOKEN, senderCertificatePem: node.certificatePem });
    // rebind.test first answers a public address, then the address of the machine itself, where the
    // simulator listens; partner.allowed.test is a name the operator listed.
    dns = await TestDnsServer.start({ 'rebind.test': ['203.0.113.10', '127.0.0.1'], 'metadata.rebind.test': ['169.254.169.254'], 'partner.allowed.test': ['127.0.0.1'] });
    hub = await TestHub.start({ env: { HUB_DNS_SERVERS: dns.address, HUB_PARTNER_ALLOWED_HOSTS: '127.0.0.1,partner.allowed.test' } });
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
  });

  afterAll(async () => {
    await hub?.close();
    await simulator?.close();
    await dns?.close();
    forgetNodeIdentity();
    await own.restore();
  });

  const port = () => new URL(simulator.url).port;

  describe('at registration, every disguise of a forbidden address', () => {
    it.each([
      ['the metadata service', 'http://169.254.169.254/latest/meta-data/', 'DESTINATION_METADATA'],
      ['the IPv6 metadata service', 'http://[fd00:ec2::254]/', 'DESTINATION_METADATA'],
      ['the metadata service by name', 'http://metadata.google.internal/computeMetadata/v1/', 'DESTINATION_METADATA'],
      ['a link-local neighbour', 'http://169.254.10.20:8080/', 'DESTINATION_LINK_LOCAL'],
      ['an IPv6 link-local neighbour', 'http://[fe80::1]:8080/', 'DESTINATION_LINK_LOCAL'],
      ['a loopback address not listed', 'http://127.0.0.2:4100/', 'DESTINATION_LOOPBACK'],
      ['IPv6 loopback', 'http://[::1]:4100/', 'DESTINATION_LOOPBACK'],
      ['localhost', 'http://localhost:4100/', 'DESTINATION_LOOPBACK'],
      ['a subdomain of localhost', 'http://hub.localhost:4100/', 'DESTINATION_LOOPBACK'],
      ['the unspecified address', 'http://0.0.0.0:4100/', 'DESTINATION_UNSPECIFIED'],
      ['the listed address in decimal', 'http://2130706433:4100/', 'DESTINATION_NON_CANONICAL_IP'],
      ['the listed address in hex', 'http://0x7f000001:4100/', 'DESTINATION_NON_CANONICAL_IP'],
      ['the listed address in dotted hex', 'http://0x7f.0.0.1:4100/', 'DESTINATION_NON_CANONICAL_IP'],
      ['the listed address in octal', 'http://0177.0.0.1:4100/', 'DESTINATION_NON_CANONICAL_IP'],
      ['the listed address shortened', 'http://127.1:4100/', 'DESTINATION_NON_CANONICAL_IP'],
      ['the listed address with a trailing dot', 'http://127.0.0.1.:4100/', 'DESTINATION_NON_CANONICAL_IP'],
      ['the listed address percent-encoded', 'http://%31%32%37.0.0.1:4100/', 'DESTINATION_NON_CANONICAL_IP'],
      ['the listed address IPv4-mapped', 'http://[::ffff:127.0.0.1]:4100/', 'DESTINATION_NON_CANONICAL_IP'],
      ['the metadata service in decimal', 'http://2852039166/', 'DESTINATION_NON_CANONICAL_IP'],
    ])('refuses %s (%s), storing nothing', async (_what, endpointUrl, code) => {
      const before = await hub.count('partners');
      const res = await hub.operator('POST', '/v1/partners', partnerBody({ code: 'JP-EVIL', endpointUrl }));
      expect(res.status).toBe(422);
      expect(res.body.violations).toEqual([expect.objectContaining({ ruleId: code, path: 'endpointUrl' })]);
      expect(await hub.count('partners')).toBe(before);
    });

    it('refuses moving a registered partner onto a forbidden address, leaving it where it was', async () => {
      const created = await hub.operator('POST', '/v1/partners', partnerBody({ code: 'TH-NSW', endpointUrl: 'https://nsw.example.th/ecoo', routes: [{ country: 'TH', authority: 'TH-CUSTOMS' }] }));
      expect(created.status).toBe(201);
      const moved = await hub.operator('PATCH', `/v1/partners/${created.body.id}`, { endpointUrl: 'http://169.254.169.254/' });
      expect(moved.status).toBe(422);
      expect(moved.body.violations).toEqual([expect.objectContaining({ ruleId: 'DESTINATION_METADATA', path: 'endpointUrl' })]);
      expect((await hub.operator('GET', `/v1/partners/${created.body.id}`)).body.endpointUrl).toBe('https://nsw.example.th/ecoo');
      await hub.operator('PATCH', `/v1/partners/${created.body.id}`, { active: false });
    });

    it('accepts a listed address and a host name, which is checked when it is resolved', async () => {
      for (const [code, endpointUrl] of [
        ['VN-LISTED', `http://127.0.0.1:${port()}`],
        ['VN-NAMED', 'http://rebind.test/'],
      ]) {
        const res = await hub.operator('POST', '/v1/partners', partnerBody({ code, endpointUrl, routes: [{ country: 'VN', authority: 'VN-CUSTOMS' }] }));
        expect(res.status).toBe(201);
        await hub.operator('PATCH', `/v1/partners/${res.body.id}`, { active: false });
      }
    });
  });

  describe('at connect time, whatever the name resolves to then', () => {
    async function deliveryOf(certificateId: string, done: (row: { status: string }) => boolean): Promise<{ id: string; status: string; last_error: string | null; attempts: number }> {
      return eventually(
        'the delivery',
        async () => (await hub.dataSource.query('SELECT id, status, last_error, attempts FROM deliveries WHERE certificate_id = $1', [certificateId]))[0],
        (row) => row !== undefined && done(row),
      );
    }

    async function issue(): Promise<string> {
      const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan() });
      expect(created.status).toBe(201);
      expect((await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer })).status).toBe(200);
      return created.body.id;
    }

    it('refuses a name that rebinds to this machine between two connections, and never reaches it', async () => {
      const partner = await hub.operator(
        'POST',
        '/v1/partners',
        partnerBody({ endpointUrl: `http://rebind.test:${port()}`, outboundAuth: { type: 'BEARER', token: PARTNER_TOKEN }, timeoutMs: 1000, retry: { maxAttempts: 5, baseDelayMs: 50, maxDelayMs: 100 } }),
      );
      expect(partner.status).toBe(201);
      const certificateId = await issue();

      const delivery = await deliveryOf(certificateId, (d) => d.status === 'FAILED');
      // The first answer (a public address) was tried and failed like any unreachable partner; the
      // second, this machine, was refused at connect time, for good.
      expect(dns.asked('rebind.test')).toBeGreaterThanOrEqual(2);
      expect(delivery.attempts).toBeGreaterThanOrEqual(2);
      expect(delivery.last_error).toMatch(/^destination refused \(DESTINATION_LOOPBACK\): host rebind\.test resolved to 127\.0\.0\.1, a loopback address/);
      expect(simulator.received).toEqual([]);

      // The operator points the partner at a name it listed; the redelivery goes through.
      expect((await hub.operator('PATCH', `/v1/partners/${partner.body.id}`, { endpointUrl: `http://partner.allowed.test:${port()}` })).status).toBe(200);
      expect((await hub.operator('POST', `/v1/deliveries/${delivery.id}/redeliver`)).status).toBe(200);
      expect((await deliveryOf(certificateId, (d) => d.status === 'DELIVERED')).status).toBe('DELIVERED');
      expect(simulator.received.map((r) => r.path)).toEqual(['/v1/exchange/envelopes']);
      expect(dns.asked('partner.allowed.test')).toBeGreaterThanOrEqual(1);

      // And a name that resolves to the metadata service is refused as such.
      expect((await hub.operator('PATCH', `/v1/partners/${partner.body.id}`, { endpointUrl: 'http://metadata.rebind.test/' })).status).toBe(200);
      const second = await issue();
      const refused = await deliveryOf(second, (d) => d.status === 'FAILED');
      expect(refused.last_error).toContain('DESTINATION_METADATA');
      expect(refused.attempts).toBe(1);
      expect(simulator.received).toHaveLength(1);
    });
  });
});

describe('outbound connections under NODE_ENV=production', () => {
  let own: { restore: () => Promise<void> };

  beforeAll(async () => {
    own = await useOwnDatabase('outbound_production');
  });

  afterAll(async () => {
    await own.restore();
  });

  it('requires https for partner endpoints, unless HUB_ALLOW_HTTP_PARTNERS=true', async () => {
    const strict = await TestHub.start({ env: { NODE_ENV: 'production' } });
    try {
      const http = await strict.request('POST', '/v1/partners', { token: TEST_ADMIN_TOKEN, body: partnerBody({ code: 'JP-PLAIN', endpointUrl: 'http://ecoo.example.jp/' }) });
      expect(http.status).toBe(422);
      expect(http.body.violations).toEqual([expect.objectContaining({ ruleId: 'DESTINATION_HTTPS_REQUIRED', path: 'endpointUrl' })]);
      // Listed hosts too: the allow-list is about addresses, not about encryption.
      const listed = await strict.operator('POST', '/v1/partners', partnerBody({ code: 'JP-PLAIN', endpointUrl: 'http://127.0.0.1:4100/' }));
      expect(listed.body.violations).toEqual([expect.objectContaining({ ruleId: 'DESTINATION_HTTPS_REQUIRED' })]);
      expect((await strict.operator('POST', '/v1/partners', partnerBody({ code: 'JP-TLS', endpointUrl: 'https://ecoo.example.jp/' }))).status).toBe(201);
    } finally {
      await strict.close();
    }
    const staging = await TestHub.start({ env: { NODE_ENV: 'production', HUB_ALLOW_HTTP_PARTNERS: 'true' } });
    try {
      expect((await staging.operator('POST', '/v1/partners', partnerBody({ code: 'JP-PLAIN', endpointUrl: 'http://ecoo.example.jp/' }))).status).toBe(201);
    } finally {
      await staging.close();
    }
  });
});
