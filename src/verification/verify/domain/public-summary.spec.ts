import { publicSummary, SummaryFacts } from './public-summary';

const NOW = new Date('2026-03-10T12:00:00Z');
const facts: SummaryFacts = {
  certificateNumber: 'KH-RCEP-2026-000123',
  copyNumber: 0,
  issuingAuthorityCode: 'KH-MOC',
  issueDateTime: new Date('2026-03-02T09:30:00Z'),
  expiresAt: new Date('2027-03-02T09:30:00Z'),
  exportCountry: 'KH',
  importCountry: 'JP',
  status: 'ISSUED',
  document: {
    exporter: { id: 'KH-TIN-1234567', name: 'Angkor Rice Export Co., Ltd.' },
    consignee: { id: 'JP-CN-1', name: 'Osaka Grain Trading K.K.' },
    items: [{ hsCode: '100630' }, { hsCode: '100640' }, { hsCode: '100630' }],
  },
};

describe('publicSummary', () => {
  it('holds the number, issuer, issue date, countries, HS codes and status, and nothing about the parties', () => {
    const summary = publicSummary(facts, NOW);
    expect(summary).toEqual({
      certificateNumber: 'KH-RCEP-2026-000123',
      copyNumber: 0,
      issuingAuthority: 'KH-MOC',
      issueDateTime: '2026-03-02T09:30:00.000Z',
      exportCountry: 'KH',
      importCountry: 'JP',
      hsCodes: ['100630', '100640'],
      status: 'ISSUED',
    });
    expect(JSON.stringify(summary)).not.toMatch(/Angkor|Osaka|TIN|JP-CN/);
  });

  it('shows an issued certificate past its validity as EXPIRED', () => {
    expect(publicSummary({ ...facts, expiresAt: new Date(NOW.getTime() - 1) }, NOW).status).toBe('EXPIRED');
  });
});
