import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { cambodiaToJapan } from '../fixtures/certificates';
import { eventually } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';

jest.setTimeout(180_000);

interface Received {
  id: string;
  sequence: number;
  type: string;
  certificateId: string | undefined;
  signature: string;
  timestamp: string;
  body: string;
}

/**
 * A subscriber's receiver as its owner would write it: verifies every request with the Standard
 * Webhooks library and the secret it was shown, and keeps what it got in arrival order. While `down`,
 * it answers 503 without looking.
 */
class Receiver {
  readonly got: Received[] = [];
  readonly refused: string[] = [];
  down = false;
  private server!: Server;
  private secrets: string[] = [];

  static async start(): Promise<Receiver> {
    const receiver = new Receiver();
    receiver.server = createServer((req, res) => void receiver.handle(req, res));
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}/hook`;
  }

  trust(secret: string): void {
    this.secrets = [secret];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.down) {
      res.writeHead(503).end();
      return;
    }
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = req.headers as Record<string, string>;
    try {
      const payload = new Webhook(this.secrets[0]).verify(body, headers) as { type: string; sequence: number; data: { certificate?: { id: string } } };
      this.got.push({ id: headers['webhook-id'], sequence: payload.sequence, type: payload.type, certificateId: payload.data.certificate?.id, signature: headers['webhook-signature'], timestamp: headers['webhook-timestamp'], body });
      res.writeHead(204).end();
    } catch (error) {
      this.refused.push(String(error));
      res.writeHead(401).end();
    }
  }

  /** What arrived once duplicates (the same webhook-id) are dropped, in arrival order. */
  deduplicated(): Received[] {
    const seen = new Set<string>();
    return this.got.filter((r) => !seen.has(r.id) && seen.add(r.id));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const ENV = { HUB_WEBHOOK_RETRY_BASE_MS: '200', HUB_WEBHOOK_RETRY_MAX_MS: '800', HUB_WEBHOOK_SWEEP_MS: '500', HUB_WEBHOOK_TIMEOUT_MS: '2000' };
const CERTIFICATE_EVENTS = ['certificate.issued', 'certificate.replaced', 'certificate.cancelled', 'certificate.expired', 'certificate.import_status_changed'];

describe('webhooks: signed, in order, at least once, only to who may see', () => {
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  const token = {} as Record<'issuer' | 'consignee' | 'stranger', string>;
  const receiver = {} as Record<'issuer' | 'consignee' | 'stranger', Receiver>;
  const subscription = {} as Record<'issuer' | 'consignee' | 'stranger', string>;
  let consigneeKeyId: string;

  const issue = async (overrides: Record<string, unknown> = {}): Promise<string> => {
    const created = await hub.request('POST', '/v1/certificates', { token: token.issuer, body: cambodiaToJapan(overrides) });
    expect(created.status).toBe(201);
    expect((await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: token.issuer })).status).toBe(200);
    return created.body.id;
  };
  const subscribe = async (who: keyof typeof token, eventTypes: string[]): Promise<void> => {
    const res = await hub.request('POST', '/v1/webhooks', { token: token[who], body: { url: receiver[who].url, eventTypes } });
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^whsec_/);
    receiver[who].trust(res.body.secret);
    subscription[who] = res.body.id;
  };

  beforeAll(async () => {
    own = await useOwnDatabase('webhooks');
    hub = await TestHub.start({ env: ENV });
    token.issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    token.stranger = await hub.trader('KH-TIN-7654321', 'KH');
    await hub.operator('POST', '/v1/traders', { id: 'JP-CN-1234567890123', name: 'Osaka Grain Trading', country: 'JP' });
    const key = await hub.operator('POST', '/v1/api-keys', { trader: 'JP-CN-1234567890123' });
    token.consignee = key.body.key;
    consigneeKeyId = key.body.id;
    for (const who of ['issuer', 'consignee', 'stranger'] as const) receiver[who] = await Receiver.start();
  });

  afterAll(async () => {
    await hub?.close();
    await Promise.all(Object.values(receiver).map((r) => r.close()));
    await own?.restore();
  });

  it('refuses a URL the outbound policy forbids and an unknown event type, listing each problem', async () => {
    const res = await hub.request('POST', '/v1/webhooks', { token: token.issuer, body: { url: 'http://169.254.169.254/latest', eventTypes: ['certificate.issued', 'certificate.exploded'] } });
    expect(res.status).toBe(422);
    expect(res.text).toContain('eventTypes');
    const metadata = await hub.request('POST', '/v1/webhooks', { token: token.issuer, body: { url: 'http://169.254.169.254/latest', eventTypes: ['certificate.issued'] } });
    expect(metadata.status).toBe(422);
    expect(JSON.stringify(metadata.body)).toContain('DESTINATION_');
  });

  it('delivers every event in order through a receiver that is down for a while and a hub restart, exactly once after dedup', async () => {
    await subscribe('issuer', CERTIFICATE_EVENTS);
    await subscribe('consignee', CERTIFICATE_EVENTS);
    await subscribe('stranger', [...CERTIFICATE_EVENTS, 'certificate.delivered', 'certificate.delivery_failed', 'application.status_changed', 'verification_case.opened']);

    const first = await issue();
    await eventually('the first certificate heard', async () => receiver.issuer.got.length, (n) => n >= 1);

    // The issuer's receiver goes down: what follows waits, in order, while the hub retries.
    receiver.issuer.down = true;
    const second = await issue();
    expect((await hub.request('POST', `/v1/certificates/${first}/cancel`, { token: token.issuer, body: { reason: 'Issued in error' } })).status).toBe(200);
    const failing = await eventually('the failure shown', async () => (await hub.request('GET', `/v1/webhooks/${subscription.issuer}`, { token: token.issuer })).body, (w) => w.lastError === 'HTTP 503');
    expect(failing.status).toBe('ACTIVE');
    expect(failing.failingSince).not.toBeNull();

    // The hub stops and starts again (the receiver still down); a third certificate comes meanwhile.
    await hub.close();
    hub = await TestHub.start({ env: ENV });
    const third = await issue();
    receiver.issuer.down = false;

    const expected = [
      ['certificate.issued', first],
      ['certificate.issued', second],
      ['certificate.cancelled', first],
      ['certificate.issued', third],
    ];
    await eventually('every event at the issuer', async () => receiver.issuer.deduplicated().length, (n) => n >= expected.length);
    await eventually('every event at the consignee', async () => receiver.consignee.deduplicated().length, (n) => n >= expected.length);
    for (const who of ['issuer', 'consignee'] as const) {
      const got = receiver[who].deduplicated();
      expect(got.map((r) => [r.type, r.certificateId])).toEqual(expected);
      // Numbered 1, 2, 3... in the order sent, and a duplicate carries its first number again.
      expect(got.map((r) => r.sequence)).toEqual([1, 2, 3, 4]);
      for (const r of receiver[who].got) expect(r.sequence).toBe(got.find((g) => g.id === r.id)?.sequence);
      expect(receiver[who].refused).toEqual([]);
    }
    // The receiver keeps a delivery before it answers: the hub records it as delivered a moment later.
    const deliveries = await eventually(
      'every delivery recorded',
      async () => (await hub.request<{ id: string; messageId: string; status: string; attempts: { status: number }[] }[]>('GET', `/v1/webhooks/${subscription.issuer}/deliveries`, { token: token.issuer })).body,
      (list) => list.length === 4 && list.every((d) => d.status === 'DELIVERED'),
    );
    expect(deliveries.some((d) => d.attempts.length > 1 && d.attempts[0].status === 503)).toBe(true);
    expect((await hub.request('GET', `/v1/webhooks/${subscription.issuer}`, { token: token.issuer })).body).toMatchObject({ status: 'ACTIVE', lastError: null, lastSequence: 4 });

    // A redelivery carries the same webhook-id: the receiver's dedup drops it.
    const redelivered = await hub.request('POST', `/v1/webhooks/${subscription.issuer}/deliveries/${deliveries[0].id}/redeliver`, { token: token.issuer });
    expect(redelivered.status).toBe(201);
    await eventually('the redelivery', async () => receiver.issuer.got.filter((r) => r.id === deliveries[0].messageId).length, (n) => n >= 2);
    expect(receiver.issuer.deduplicated()).toHaveLength(4);

    // Nobody else's subscription heard anything of these certificates.
    expect(receiver.stranger.got).toEqual([]);
    expect(await hub.count('webhook_deliveries', 'subscription_id = $1', [subscription.stranger])).toBe(0);
  });

  it('signs with both secrets during a rotation', async () => {
    const rotated = await hub.request('POST', `/v1/webhooks/${subscription.issuer}/rotate-secret`, { token: token.issuer, body: { overlapSeconds: 3600 } });
    expect(rotated.status).toBe(200);
    const before = receiver.issuer.deduplicated().length;
    const fourth = await issue();
    const got = await eventually('the event after rotation', async () => receiver.issuer.deduplicated(), (list) => list.length > before);
    const last = got[got.length - 1];
    expect(last.certificateId).toBe(fourth);
    expect(last.signature.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': last.id, 'webhook-timestamp': last.timestamp, 'webhook-signature': last.signature };
    expect(new Webhook(rotated.body.secret).verify(last.body, headers)).toMatchObject({ type: 'certificate.issued' });
  });

  it('sends nothing more once the API key of a subscription is revoked', async () => {
    expect((await hub.operator('POST', `/v1/api-keys/${consigneeKeyId}/revoke`)).status).toBe(200);
    const before = receiver.consignee.got.length;
    const fifth = await issue();
    await eventually('the issuer hears of it', async () => receiver.issuer.deduplicated().map((r) => r.certificateId), (ids) => ids.includes(fifth));
    await hub.waitForQueues();
    expect(receiver.consignee.got.slice(before).map((r) => r.certificateId)).not.toContain(fifth);
    expect(await hub.count('webhook_deliveries', `subscription_id = $1 AND status = 'DELIVERED' AND about->>'subjectId' = $2`, [subscription.consignee, fifth])).toBe(0);
    expect(receiver.stranger.got).toEqual([]);
  });

  it("tells the issuer how its certificate's message fared at the importing customs", async () => {
    await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    const outcomes = await Receiver.start();
    try {
      const res = await hub.request('POST', '/v1/webhooks', { token: token.issuer, body: { url: outcomes.url, eventTypes: ['certificate.delivered', 'certificate.delivery_failed'] } });
      expect(res.status).toBe(201);
      outcomes.trust(res.body.secret);
      const sixth = await issue();
      const got = await eventually('the delivery heard', async () => outcomes.deduplicated(), (list) => list.some((r) => r.certificateId === sixth));
      const delivered = JSON.parse(got.find((r) => r.certificateId === sixth)!.body);
      expect(delivered).toMatchObject({ type: 'certificate.delivered', sequence: 1, data: { certificate: { id: sixth }, delivery: { status: 'DELIVERED', recipient: { authority: 'JP-CUSTOMS' } } } });
      expect(receiver.stranger.got).toEqual([]);
    } finally {
      await outcomes.close();
    }
  });
});
