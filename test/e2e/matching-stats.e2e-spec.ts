import { cambodiaToJapan } from '../fixtures/certificates';
import { cambodiaTo, deliveriesOf, eventually } from '../support/exchange';
import { TestHub } from '../support/hub';
import { ImportingSide, declarationFor, line, today } from '../support/matching';
import { useOwnDatabase } from '../support/own-database';

jest.setTimeout(120_000);

// A database of its own, so the figures are exactly what this spec made: three declarations about
// certificates from Cambodia's hub (two MATCHED, one PARTIAL), one about a certificate issued on this
// (shared) hub by Cambodia's chamber and delivered locally to Japan's customs (MATCHED), one that no
// certificate answers (UNMATCHED); and the chamber's certificate for Vietnam, which nobody serves.
describe('matching: exchange analytics at /v1/stats and /metrics', () => {
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let japan: ImportingSide;
  let chamber: string;
  let thaiCustoms: string;

  beforeAll(async () => {
    own = await useOwnDatabase('matching_stats');
    hub = await TestHub.start();
    japan = await new ImportingSide(hub).prepare();
    chamber = await hub.authority('KH-CHAMBER', 'KH', ['ISSUER']);
    thaiCustoms = await hub.authority('TH-CUSTOMS', 'TH', ['CUSTOMS']);

    const declare = async (body: unknown, expected: string) => {
      const res = await hub.request('POST', '/v1/import-declarations', { token: japan.customs, body });
      expect(res.body.match?.status).toBe(expected);
    };
    const first = await japan.receive();
    const second = await japan.receive();
    await declare(declarationFor(first.document), 'MATCHED');
    // Japan's customs verify the first certificate once, by reference.
    const verified = await hub.request('POST', '/v1/verifications', { token: japan.customs, body: { issuingAuthority: 'KH-MOC', certificateNumber: first.document.certificateNumber } });
    expect(verified.status).toBe(200);
    await declare(declarationFor(second.document, { lines: [line({ quantity: { value: '20000', unit: 'KGM' } })] }), 'MATCHED');
    await declare(declarationFor(second.document, { lines: [line({ quantity: { value: '9000', unit: 'KGM' } })] }), 'PARTIAL');
    await declare(declarationFor({ ucr: '6KH1234567-NOSUCHREF' }, { certificateNumber: undefined }), 'UNMATCHED');

    const issue = async (body: Record<string, unknown>) => {
      const created = await hub.request('POST', '/v1/certificates', { token: chamber, body });
      expect((await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: chamber })).status).toBe(200);
      return created.body.id as string;
    };
    const local = cambodiaToJapan();
    const localId = await issue(local);
    await issue(cambodiaTo(cambodiaToJapan(), 'VN'));
    await eventually('the local delivery', () => deliveriesOf(hub, chamber, localId), (ds) => ds.some((d) => d.status === 'DELIVERED'));
    await declare(declarationFor(local), 'MATCHED');
  });

  afterAll(async () => {
    await hub.close();
    await own.restore();
  });

  const stats = (token: string | undefined, query = '') => hub.request('GET', `/v1/stats${query}`, { token });
  const operator = (query = '') => hub.operator('GET', `/v1/stats${query}`);

  it('gives the operator the match rate in total, per day, per partner and per agreement', async () => {
    const res = await operator();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ granularity: 'day', scope: 'ALL' });
    expect(res.body.declarations.totals).toEqual({ total: 5, matched: 3, partial: 1, unmatched: 1, matchRate: 0.6 });
    expect(res.body.declarations.series).toHaveLength(31);
    expect(res.body.declarations.series.at(-1)).toEqual({ period: today(), total: 5, matched: 3, partial: 1, unmatched: 1, matchRate: 0.6 });
    expect(res.body.declarations.series[0]).toMatchObject({ total: 0, matchRate: null });
    expect(res.body.declarations.byPartner).toEqual([
      { partner: 'KH-HUB', total: 3, matched: 2, partial: 1, unmatched: 0, matchRate: 0.6667 },
      { partner: 'LOCAL', total: 1, matched: 1, partial: 0, unmatched: 0, matchRate: 1 },
      { partner: 'NONE', total: 1, matched: 0, partial: 0, unmatched: 1, matchRate: 0 },
    ]);
    expect(res.body.declarations.byAgreement).toEqual([{ agreement: 'RCEP', total: 5, matched: 3, partial: 1, unmatched: 1, matchRate: 0.6 }]);
  });

  it('gives delivery outcomes, rates over settled deliveries and the latency to acknowledgement', async () => {
    const { deliveries } = (await operator()).body;
    expect(deliveries.totals).toMatchObject({ total: 2, delivered: 1, failed: 0, pending: 0, unroutable: 1, deliveredRate: 0.5, failedRate: 0 });
    expect(deliveries.totals.latencyP50Ms).toEqual(expect.any(Number));
    expect(deliveries.totals.latencyP95Ms).toBeGreaterThanOrEqual(deliveries.totals.latencyP50Ms);
    expect(deliveries.byPartner.map((p: { partner: string; total: number }) => [p.partner, p.total])).toEqual([
      ['LOCAL', 1],
      ['UNROUTABLE', 1],
    ]);
    expect(deliveries.byAgreement).toEqual([expect.objectContaining({ agreement: 'RCEP', total: 2 })]);
    expect(deliveries.series.at(-1)).toMatchObject({ period: today(), total: 2 });
  });

  it('counts verifications from the verification log, by verdict, per partner and agreement', async () => {
    const [{ verdict }] = await hub.dataSource.query('SELECT verdict FROM verifications');
    const { verifications } = (await operator()).body;
    expect(verifications).toMatchObject({ available: true, totals: { total: 1, byVerdict: { [verdict]: 1 } } });
    expect(verifications.series.at(-1)).toEqual({ period: today(), total: 1, byVerdict: { [verdict]: 1 } });
    expect(verifications.byPartner).toEqual([{ partner: 'KH-HUB', total: 1, byVerdict: { [verdict]: 1 } }]);
    expect(verifications.byAgreement).toEqual([{ agreement: 'RCEP', total: 1, byVerdict: { [verdict]: 1 } }]);
  });

  it("gives an authority its own slice: customs their declarations and deliveries, an issuer those about its certificates", async () => {
    const customs = (await stats(japan.customs)).body;
    expect(customs.scope).toBe('JP-CUSTOMS');
    expect(customs.declarations.totals.total).toBe(5);
    expect(customs.deliveries.totals).toMatchObject({ total: 1, delivered: 1 });
    expect(customs.verifications.totals.total).toBe(1);
    const issuer = (await stats(chamber)).body;
    expect(issuer.declarations.totals).toMatchObject({ total: 1, matched: 1 });
    expect(issuer.deliveries.totals).toMatchObject({ total: 2, unroutable: 1 });
    expect(issuer.verifications.totals.total).toBe(0);
    const thai = (await stats(thaiCustoms)).body;
    expect(thai.declarations.totals).toEqual({ total: 0, matched: 0, partial: 0, unmatched: 0, matchRate: null });
    expect(thai.deliveries.totals.total).toBe(0);
  });

  it('lays the series in weeks or months, and refuses a bad window with 422, a trader with 403', async () => {
    const from = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
    const weeks = (await operator(`?granularity=week&from=${from}`)).body;
    const firstWeek = weeks.declarations.series[0].period;
    expect(firstWeek <= from && Date.parse(from) - Date.parse(firstWeek) < 7 * 86_400_000).toBe(true);
    expect(weeks.declarations.series.every((s: { period: string }) => new Date(`${s.period}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(weeks.declarations.series.at(-1)).toMatchObject({ total: 5 });
    const months = (await operator(`?granularity=month&from=${from}&to=${today()}`)).body;
    expect(months.declarations.series.map((s: { period: string }) => s.period.slice(8))).toEqual(Array(months.declarations.series.length).fill('01'));
    expect(months.declarations.totals.total).toBe(5);
    const bad = await operator('?granularity=hour&from=yesterday');
    expect(bad.status).toBe(422);
    expect(bad.body.violations.map((v: { path: string }) => v.path)).toEqual(['granularity', 'from']);
    expect((await operator('?from=2026-05-20&to=2026-05-01')).status).toBe(422);
    expect((await stats(japan.consignee)).status).toBe(403);
    expect((await stats(undefined)).status).toBe(401);
  });

  it('exposes the same figures as Prometheus metrics', async () => {
    const res = await hub.request('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('ecoo_import_declarations{status="MATCHED",partner="KH-HUB",agreement="RCEP"} 2');
    expect(res.text).toContain('ecoo_import_declarations{status="UNMATCHED",partner="NONE",agreement="RCEP"} 1');
    expect(res.text).toMatch(/ecoo_import_declaration_match_rate\{partner="KH-HUB",agreement="RCEP"\} 0\.666/);
    expect(res.text).toContain('ecoo_import_declaration_match_rate{partner="LOCAL",agreement="RCEP"} 1');
    expect(res.text).toContain('ecoo_deliveries{status="DELIVERED",partner="LOCAL",agreement="RCEP"} 1');
    expect(res.text).toContain('ecoo_deliveries{status="UNROUTABLE",partner="UNROUTABLE",agreement="RCEP"} 1');
    expect(res.text).toMatch(/ecoo_delivery_latency_seconds\{partner="LOCAL",agreement="RCEP",quantile="0\.95"\} \d/);
    expect(res.text).toContain('ecoo_import_declarations_recorded_total{status="MATCHED"} 3');
    // Verifications are counted as they are logged, by this process since it started: this hub answered one.
    expect(res.text).toMatch(/ecoo_verifications_total\{verdict="(VALID|INVALID|UNKNOWN)",agreement="RCEP"\} 1/);
    expect(res.text).not.toMatch(/^ecoo_verifications\{/m);
  });
});
