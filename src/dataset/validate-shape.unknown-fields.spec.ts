import { buildCertificate, buildItem } from './testing/build-certificate';
import { validateCertificateShape } from './validate-shape';

process.env.TZ = 'UTC';

describe('validateCertificateShape: unknown fields', () => {
  it('reports an unknown nested field at its path', () => {
    const body = JSON.parse(JSON.stringify(buildCertificate()));
    body.exporter.address.planet = 'Earth';
    body.items[0].fobValue.incoterm = 'FOB';
    const { value, violations } = validateCertificateShape(body);
    expect(value).toBeUndefined();
    expect(violations).toEqual([
      { ruleId: 'CO-SHAPE-whitelistValidation', severity: 'error', path: 'exporter.address.planet', message: 'unknown field exporter.address.planet' },
      { ruleId: 'CO-SHAPE-whitelistValidation', severity: 'error', path: 'items[0].fobValue.incoterm', message: 'unknown field items[0].fobValue.incoterm' },
    ]);
  });

  it.each(['issuingAuthority', 'issueDateTime'])('refuses %s, which the hub sets', (field) => {
    const body = { ...buildCertificate(), [field]: field === 'issueDateTime' ? '2026-05-12T08:00:00Z' : 'TH-DFT' };
    expect(validateCertificateShape(body).violations.map((v) => [v.ruleId, v.path])).toEqual([['CO-SHAPE-whitelistValidation', field]]);
  });

  it('refuses __proto__ and constructor keys, which class-transformer would drop silently', () => {
    const body = JSON.parse(`{"__proto__":{"x":1},"items":[{"constructor":{"y":2}}]}`);
    const paths = validateCertificateShape(body).violations.filter((v) => v.ruleId === 'CO-SHAPE-whitelistValidation').map((v) => v.path);
    expect(paths).toEqual(['__proto__', 'items[0].constructor']);
  });

  it('quotes a key that is not an identifier in the path', () => {
    const body = { ...buildCertificate(), 'odd key': 1 };
    expect(validateCertificateShape(body).violations.map((v) => v.path)).toEqual(['["odd key"]']);
  });

  it('does not accept an item that is an array in place of an object', () => {
    const body = { ...buildCertificate(), items: [[buildItem()]] };
    expect(validateCertificateShape(body).violations.map((v) => [v.ruleId, v.path])).toEqual([['CO-SHAPE-isObject', 'items']]);
  });
});
