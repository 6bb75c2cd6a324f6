import { builtInProfileCatalog } from './agreements/built-in-profiles';
import { checkCertificate, type CertificateCheckInput } from './check-certificate';
import { buildCertificate, buildItem, TEST_NOW } from './testing/build-certificate';
import { TEST_HS } from './testing/rule-test-kit';

process.env.TZ = 'UTC';

const input: CertificateCheckInput = { now: TEST_NOW, catalog: builtInProfileCatalog(), hs: TEST_HS, issuerCountry: 'TH' };

describe('checkCertificate', () => {
  it('returns the normalised document and the versions it was validated against', () => {
    const result = checkCertificate(buildCertificate({ items: [buildItem({ hsCode: '0810.60' })] }), input);
    expect(result.violations).toEqual([]);
    expect(result.document?.items[0].hsCode).toBe('081060');
    expect(result.validatedAgainst).toEqual({ dataset: '1.1', agreement: { code: 'RCEP', version: '2022-01-01' }, hs: 'HS2022-TEST' });
  });

  it('stops at shape violations without running the rules', () => {
    const result = checkCertificate({ ...buildCertificate(), importCountry: 'US', extra: true }, input);
    expect(result.violations.map((v) => v.ruleId)).toEqual(['CO-SHAPE-whitelistValidation']);
    expect(result.document).toBeUndefined();
  });

  it('returns the document with warnings, and withholds it on an error', () => {
    const warned = checkCertificate(buildCertificate({ formType: 'E' }), input);
    expect([warned.violations.map((v) => v.ruleId), warned.document !== undefined]).toEqual([['CO-AGR-005'], true]);
    const refused = checkCertificate(buildCertificate(), { ...input, issuerCountry: 'VN' });
    expect([refused.violations.map((v) => v.ruleId), refused.document]).toEqual([['CO-EXP-001'], undefined]);
  });

  it('checks a received document by its recorded issue date, not the clock (else CO-RETRO-001)', () => {
    const issued = { ...buildCertificate({}, { now: new Date('2026-05-01T00:00:00Z') }), issuingAuthority: 'TH-DFT', issueDateTime: '2026-05-01T10:00:00+07:00' };
    const result = checkCertificate(issued, { ...input, issuerCountry: undefined, issued: true });
    expect(result.violations).toEqual([]);
    expect(result.document).toMatchObject({ issuingAuthority: 'TH-DFT' });
  });
});
