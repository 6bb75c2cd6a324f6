import { cambodiaToJapan } from '../fixtures/certificates';
import { deliveriesOf, eventually } from '../support/exchange';
import { TestHub } from '../support/hub';
import { declarationFor, line, today } from '../support/matching';

jest.setTimeout(300_000);

// Matching on the embedded database: a shared hub where Cambodia's chamber issues and Japan's customs
// receive locally, then declare. The row locks, the ledger use in the declaration's transaction and
// the analytics' SQL (GROUPING SETS, percentiles) run on PGlite as they do on PostgreSQL.
describe('trial mode: import declarations matched on the embedded database', () => {
  let hub: TestHub;
  let customs: string;
  let chamber: string;
  let document: Record<string, any>;

  beforeAll(async () => {
    hub = await TestHub.start();
    customs = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    chamber = await hub.authority('KH-CHAMBER', 'KH', ['ISSUER']);
    document = cambodiaToJapan();
    const created = await hub.request('POST', '/v1/certificates', { token: chamber, body: document });
    expect((await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: chamber })).status).toBe(200);
    await eventually('the local delivery', () => deliveriesOf(hub, chamber, created.body.id), (ds) => ds.some((d) => d.status === 'DELIVERED'));
  });

  afterAll(() => hub.close());

  const declare = (body: unknown) => hub.request('POST', '/v1/import-declarations', { token: customs, body });

  it('matches and records the use, refuses an over-claim of what remains, prefills, and reports the match rate', async () => {
    const claims = await Promise.all([declare(declarationFor(document, { lines: [line({ quantity: { value: '20', unit: 'TNE' } })] })), declare(declarationFor(document, { lines: [line({ quantity: { value: '20000', unit: 'KGM' } })] }))]);
    expect(claims.map((c) => c.status)).toEqual([201, 201]);
    expect(claims.map((c) => c.body.match.status).sort()).toEqual(['MATCHED', 'PARTIAL']);
    expect(claims.find((c) => c.body.match.status === 'PARTIAL')?.body.match.lines[0].issues[0].code).toBe('QUANTITY_EXCEEDS_REMAINING');

    const prefill = await hub.request('GET', `/v1/import-declarations/prefill?ucr=${document.ucr}`, { token: customs });
    expect(prefill.status).toBe(200);
    expect(prefill.body.items[0].remaining).toEqual({ value: '5000', unit: 'KGM' });

    const stats = await hub.operator('GET', '/v1/stats');
    expect(stats.status).toBe(200);
    expect(stats.body.declarations.totals).toEqual({ total: 2, matched: 1, partial: 1, unmatched: 0, matchRate: 0.5 });
    expect(stats.body.declarations.series.at(-1)).toMatchObject({ period: today(), total: 2 });
    expect(stats.body.deliveries.totals).toMatchObject({ total: 1, delivered: 1 });
    expect(stats.body.deliveries.totals.latencyP95Ms).toEqual(expect.any(Number));
    expect((await hub.request('GET', '/metrics')).text).toContain('ecoo_import_declarations{status="MATCHED",partner="LOCAL",agreement="RCEP"} 1');
  });
});
