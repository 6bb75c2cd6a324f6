import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/core/database/data-source';
import { MIGRATIONS } from '../../src/core/database/migrations';
import { AnonymousEnvelopesPurged1796480000000 } from '../../src/core/database/migrations/1796480000000-AnonymousEnvelopesPurged';
import { PublicRateLimiter } from '../../src/core/http/rate-limit/public-rate-limiter';
import { cambodiaToJapan } from '../fixtures/certificates';
import { PartnerNode, devNodeIdentity, issuedDocument, partnerBody, unsignedEnvelope } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { issue, verify } from '../support/verification';

jest.setTimeout(180_000);

// Callers without a credential, as an attacker would be one: they cannot fill the database, cannot
// choose their own address, and are held to a budget that every API process shares.
describe('anonymous callers: nothing stored, throttled across processes, X-Forwarded-For only from trusted proxies', () => {
  const cambodia = new PartnerNode(devNodeIdentity('KH hub node'));
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let token: string;

  beforeAll(async () => {
    own = await useOwnDatabase('anonymous');
    hub = await TestHub.start({ withWorkers: false });
    await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    const partner = await hub.operator('POST', '/v1/partners', partnerBody({ code: 'KH-HUB', routes: [{ country: 'KH', authority: 'KH-CUSTOMS' }], nodeCertificate: cambodia.identity.certificatePem, outboundAuth: { type: 'NONE' } }));
    expect(partner.status).toBe(201);
    token = partner.body.inboundToken;
  });

  afterAll(async () => {
    await hub.close();
    await own.restore();
  });

  const envelope = () => cambodia.sign(unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-CUSTOMS', document: issuedDocument(cambodiaToJapan(), 'KH-MOC') }));
  const tables = ['quarantined_envelopes', 'inbound_envelopes', 'certificates', 'audit_log'];
  const rows = async (on: TestHub) => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await on.count(t)])));

  it('stores nothing an anonymous caller posts to the envelope endpoint, and throttles it across API processes with Retry-After', async () => {
    const env = { HUB_PUBLIC_RATE_LIMIT: '4', HUB_PUBLIC_RATE_WINDOW_SECONDS: '86400' };
    const first = await TestHub.start({ withWorkers: false, env });
    const second = await TestHub.start({ withWorkers: false, env });
    try {
      const before = await rows(first);
      const from = { 'x-forwarded-for': '203.0.113.50' };
      const attempts = [];
      // A valid-looking envelope, a stolen-looking token, garbage and a large body: all anonymous.
      const bodies = [envelope(), { junk: 'x'.repeat(100_000) }, envelope(), [1, 2, 3]];
      for (const [i, body] of bodies.entries()) {
        const on = i % 2 === 0 ? first : second;
        const res = await on.request('POST', '/v1/exchange/envelopes', { body, token: i === 2 ? `ecoop_abcdefghijkl_${'a'.repeat(43)}` : undefined, headers: from });
        attempts.push([res.status, res.body.code]);
      }
      expect(attempts).toEqual(Array(4).fill([401, 'ENVELOPE_SENDER_UNKNOWN']));
      const throttled = await second.request('POST', '/v1/exchange/envelopes', { body: envelope(), headers: from });
      expect(throttled.status).toBe(429);
      expect(throttled.body).toMatchObject({ code: 'ENVELOPE_SENDER_THROTTLED', retryAfterSeconds: expect.any(Number) });
      expect(Number(throttled.headers.get('retry-after'))).toBe(throttled.body.retryAfterSeconds);
      expect(await rows(first)).toEqual(before);
      // The counter is the only trace: one row for that address, counted by both processes.
      const [counter] = await first.dataSource.query(`SELECT hits FROM public_rate_limits WHERE scope = 'anonymous-envelope' AND client_key = $1`, [first.app.get(PublicRateLimiter).clientKey('203.0.113.50')]);
      expect(counter.hits).toBe(5);
      // The partner, from the same address, is not held by the anonymous budget.
      const delivered = await first.request('POST', '/v1/exchange/envelopes', { body: envelope(), token, headers: from });
      expect(delivered.status).toBe(200);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('ignores X-Forwarded-For unless the connection comes from a listed proxy, so a rotating header does not reset the limit', async () => {
    const issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    const cert = await issue(hub, issuer);
    const body = { issuingAuthority: 'KH-MOC', certificateNumber: cert.certificateNumber };
    // HUB_TRUSTED_PROXIES unset: the default of a hub.
    const exposed = await TestHub.start({ withWorkers: false, env: { HUB_TRUSTED_PROXIES: undefined, HUB_PUBLIC_RATE_LIMIT: '3', HUB_PUBLIC_RATE_WINDOW_SECONDS: '86400' } });
    // A load balancer elsewhere is listed: this connection (127.0.0.1) is still not it.
    const elsewhere = await TestHub.start({ withWorkers: false, env: { HUB_TRUSTED_PROXIES: '10.0.0.0/8,2001:db8::1', HUB_PUBLIC_RATE_LIMIT: '3', HUB_PUBLIC_RATE_WINDOW_SECONDS: '86400' } });
    try {
      for (const target of [exposed, elsewhere]) {
        // Both hubs share the database: each starts from no count.
        await target.dataSource.query(`DELETE FROM public_rate_limits WHERE scope = 'verification'`);
        const statuses = [];
        for (let i = 1; i <= 5; i++) statuses.push((await verify(target, body, { from: `198.51.100.${i}` })).status);
        expect(statuses).toEqual([200, 200, 200, 429, 429]);
      }
    } finally {
      await exposed.close();
      await elsewhere.close();
    }
  });

  it('counts an IPv6 caller by its /64 and caps the counter rows a rotating caller can write', async () => {
    const issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    const cert = await issue(hub, issuer);
    const body = { issuingAuthority: 'KH-MOC', certificateNumber: cert.certificateNumber };
    const behindProxy = await TestHub.start({ withWorkers: false, env: { HUB_TRUSTED_PROXIES: '127.0.0.1', HUB_PUBLIC_RATE_LIMIT: '3', HUB_PUBLIC_RATE_WINDOW_SECONDS: '86400', HUB_PUBLIC_RATE_MAX_CLIENTS: '5' } });
    try {
      await behindProxy.dataSource.query(`DELETE FROM public_rate_limits WHERE scope = 'verification'`);
      // One customer's /64: each address is new, the budget is one.
      const v6 = [];
      for (let i = 1; i <= 4; i++) v6.push((await verify(behindProxy, body, { from: `2001:db8:aa:bb::${i.toString(16)}` })).status);
      expect(v6).toEqual([200, 200, 200, 429]);
      // Forty more addresses: the table keeps at most five clients and the shared overflow row.
      for (let i = 1; i <= 40; i++) await verify(behindProxy, body, { from: `192.0.2.${i}` });
      expect(await behindProxy.count('public_rate_limits', `scope = 'verification'`)).toBeLessThanOrEqual(6);
      const [overflow] = await behindProxy.dataSource.query(`SELECT hits FROM public_rate_limits WHERE scope = 'verification' AND client_key = 'overflow'`);
      expect(overflow.hits).toBeGreaterThan(3);
      // Past the cap, new addresses share one budget, spent by now.
      expect((await verify(behindProxy, body, { from: '192.0.2.200' })).status).toBe(429);
    } finally {
      await behindProxy.close();
    }
  });
});

// The AnonymousEnvelopesPurged migration on a database that holds what anonymous callers left.
describe('migration: the anonymous envelopes already stored are purged', () => {
  let own: { url: string; restore: () => Promise<void> };
  const upTo = (migrations: unknown[]) => new DataSource({ ...dataSourceOptions(own.url), migrations: migrations as never });

  beforeAll(async () => {
    own = await useOwnDatabase('anonymous_purge', { empty: true });
    const previous = upTo(MIGRATIONS.slice(0, MIGRATIONS.indexOf(AnonymousEnvelopesPurged1796480000000)));
    await previous.initialize();
    await previous.runMigrations({ transaction: 'each' });
    await previous.destroy();
  });

  afterAll(async () => {
    await own.restore();
  });

  it('deletes every quarantined row without a partner, and no such row can be written again', async () => {
    const pg = new Client({ connectionString: own.url });
    await pg.connect();
    try {
      for (let i = 0; i < 3; i++) {
        await pg.query(`INSERT INTO quarantined_envelopes (partner_id, reason, detail, envelope_id, body, received_at) VALUES (NULL, 'UNAUTHENTICATED', 'no valid partner token', $1, $2, now())`, [randomUUID(), 'x'.repeat(4096)]);
      }
      expect(Number((await pg.query('SELECT count(*) FROM quarantined_envelopes')).rows[0].count)).toBe(3);
      const current = upTo(MIGRATIONS);
      await current.initialize();
      await current.runMigrations({ transaction: 'each' });
      await current.destroy();
      expect(Number((await pg.query('SELECT count(*) FROM quarantined_envelopes')).rows[0].count)).toBe(0);
      await expect(pg.query(`INSERT INTO quarantined_envelopes (partner_id, reason, detail, body, received_at) VALUES (NULL, 'NOT_AN_ENVELOPE', '', '', now())`)).rejects.toMatchObject({ code: '23502' });
    } finally {
      await pg.end();
    }
  });
});
