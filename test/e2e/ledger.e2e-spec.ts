import { randomBytes } from 'node:crypto';
import { CertificateError } from '../../src/certificates/certificate.error';
import { CertificateUseSource } from '../../src/certificates/domain/use-ledger';
import { CertificateLedger } from '../../src/certificates/ledger/certificate-ledger';
import { cambodiaToJapan } from '../fixtures/certificates';
import { TestHub } from '../support/hub';

jest.setTimeout(120_000);

// The use ledger is what customs responses and matched declarations record against; here it is
// driven through the service, against the real database, the way those features call it.
describe('certificates: the use ledger', () => {
  let hub: TestHub;
  let ledger: CertificateLedger;
  let certificateId: string;

  beforeAll(async () => {
    hub = await TestHub.start({ withWorkers: false });
    ledger = hub.app.get(CertificateLedger);
    const moc = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    const created = await hub.request('POST', '/v1/certificates', { token: moc, body: { ...cambodiaToJapan(), certificateNumber: `KH-L-${randomBytes(4).toString('hex')}` } });
    expect(created.status).toBe(201);
    expect((await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: moc })).status).toBe(200);
    certificateId = created.body.id;
  });

  afterAll(() => hub.close());

  const use = (reference: string, quantity: string) =>
    hub.dataSource.transaction((manager) =>
      ledger.record(manager, { certificateId, source: CertificateUseSource.CUSTOMS_RESPONSE, reference, lines: [{ itemNumber: 1, quantity, unit: 'KGM' }], actor: 'authority:JP-CUSTOMS', at: new Date() }),
    );

  it('lets concurrent uses take only what remains: the rest are refused and nothing is over-claimed', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => use(`decl-${i}`, '7000')));
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect(refused).toHaveLength(2);
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'USE_NOT_AVAILABLE', violations: [{ ruleId: 'CO-USE-001', path: 'items' }] });
    const balances = await ledger.balances(hub.dataSource.manager, certificateId);
    expect(balances[0]).toEqual({ itemNumber: 1, unit: 'KGM', issued: '25000', used: '21000', remaining: '4000' });
    expect(await hub.count('certificate_uses', 'certificate_id = $1', [certificateId])).toBe(3);
  });

  it('records a repeated use once, and refuses its reference with other quantities', async () => {
    const first = await use('resp-1', '1000.50');
    expect(first.recorded).toBe(true);
    const again = await use('resp-1', '1000.5');
    expect(again).toMatchObject({ recorded: false, balances: [{ remaining: '2999.5' }] });
    await expect(use('resp-1', '1')).rejects.toBeInstanceOf(CertificateError);
    await expect(use('resp-1', '1')).rejects.toMatchObject({ code: 'USE_REFERENCE_REUSED' });
    expect(await hub.count('certificate_events', `certificate_id = $1 AND type = 'USE_RECORDED'`, [certificateId])).toBe(4);
  });
});
