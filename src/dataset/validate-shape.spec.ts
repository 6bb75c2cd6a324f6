import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildCertificate, buildItem } from './testing/build-certificate';
import { validateCertificateShape, validateIssuedCertificateShape } from './validate-shape';

process.env.TZ = 'UTC';

const pathsOf = (violations: { ruleId: string; path: string }[]) => violations.map((v) => [v.ruleId, v.path]);

describe('validateCertificateShape', () => {
  it('accepts the shared RCEP sample as written', () => {
    const sample = JSON.parse(readFileSync(resolve(__dirname, '../../../shared/samples/rcep-th-cn-durian.json'), 'utf8'));
    const result = validateCertificateShape(sample);
    expect(result.violations).toEqual([]);
    expect(result.value?.items[0].hsCode).toBe('081060');
  });

  it('accepts the test builder certificate', () => {
    expect(validateCertificateShape(buildCertificate()).violations).toEqual([]);
  });

  it.each([null, 'text', 42, [buildCertificate()], undefined])('reports a body that is not an object (%p) at the root', (body) => {
    expect(pathsOf(validateCertificateShape(body).violations)).toEqual([['CO-SHAPE-isObject', '']]);
  });

  it('accepts NNNN.NN as an HS code shape', () => {
    const body = buildCertificate({ items: [buildItem({ hsCode: '0810.60' })] });
    expect(validateCertificateShape(body).violations).toEqual([]);
  });
});

describe('validateIssuedCertificateShape', () => {
  it('accepts the hub-set fields on an issued document', () => {
    const issued = { ...buildCertificate(), issuingAuthority: 'TH-DFT', issueDateTime: '2026-05-12T15:30:00+07:00' };
    expect(validateIssuedCertificateShape(issued).violations).toEqual([]);
  });

  it('requires them, and an offset on the issue date-time', () => {
    const issued = { ...buildCertificate(), issueDateTime: '2026-05-12T15:30:00' };
    expect(pathsOf(validateIssuedCertificateShape(issued).violations)).toEqual([
      ['CO-SHAPE-isDefined', 'issuingAuthority'],
      ['CO-SHAPE-isIsoDateTime', 'issueDateTime'],
    ]);
  });
});
