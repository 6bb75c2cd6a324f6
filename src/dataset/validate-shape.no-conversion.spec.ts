import { buildCertificate, buildItem } from './testing/build-certificate';
import { validateCertificateShape } from './validate-shape';

process.env.TZ = 'UTC';

describe('validateCertificateShape: nothing is converted implicitly', () => {
  it('rejects numbers where decimal strings are expected', () => {
    const body = JSON.parse(JSON.stringify(buildCertificate()));
    body.items[0].fobValue.amount = 112200;
    body.items[0].grossWeight.value = 19800;
    const { violations } = validateCertificateShape(body);
    expect(violations.map((v) => [v.ruleId, v.path])).toEqual([
      ['CO-SHAPE-isDecimalString', 'items[0].grossWeight.value'],
      ['CO-SHAPE-isDecimalString', 'items[0].fobValue.amount'],
    ]);
    expect(violations[0].message).toContain('items[0].grossWeight.value must be a decimal written as a string');
  });

  it.each(['1e3', '-5', '12,500.00', ' 12', '012', '1.', '.5'])('rejects the decimal string %p', (amount) => {
    const body = buildCertificate({ items: [buildItem({ fobValue: { amount, currency: 'USD' } })] });
    expect(validateCertificateShape(body).violations.map((v) => v.path)).toEqual(['items[0].fobValue.amount']);
  });

  it('rejects strings where numbers and booleans are expected', () => {
    const body = JSON.parse(JSON.stringify(buildCertificate()));
    body.items[0].itemNumber = '1';
    body.preferential = 'true';
    expect(validateCertificateShape(body).violations.map((v) => [v.ruleId, v.path])).toEqual([
      ['CO-SHAPE-isBoolean', 'preferential'],
      ['CO-SHAPE-isInt', 'items[0].itemNumber'],
    ]);
  });

  it('keeps decimal strings as strings on the validated value', () => {
    const { value } = validateCertificateShape(buildCertificate());
    expect(value?.items[0].fobValue?.amount).toBe('112200.00');
  });
});
