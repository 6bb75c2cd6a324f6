import { buildCertificate, buildItem } from './testing/build-certificate';
import { validateCertificateShape } from './validate-shape';

process.env.TZ = 'UTC';

describe('validateCertificateShape: every violation at once', () => {
  it('reports each broken field once, with its path', () => {
    const body = buildCertificate({
      certificateNumber: 'X'.repeat(36),
      documentFunction: 'ORIGINALE' as never,
      exportCountry: 'XX',
      issuePlace: 'Bangkok',
      transport: { departureDate: '2026-02-30', modeCode: '12', loadingPort: 'THCT1' },
      items: [
        buildItem(),
        buildItem({ itemNumber: 2, hsCode: '08106', packageType: 'ZZZ', originCriterion: 'wo' }),
        buildItem({ itemNumber: 3, grossWeight: { value: '10', unit: 'KILO' }, fobValue: { amount: '1.00', currency: 'usd' } }),
      ],
    });
    const { value, violations } = validateCertificateShape(body);
    expect(value).toBeUndefined();
    expect(violations.map((v) => [v.ruleId, v.path])).toEqual([
      ['CO-SHAPE-isLength', 'certificateNumber'],
      ['CO-SHAPE-isEnum', 'documentFunction'],
      ['CO-SHAPE-isUnLocode', 'issuePlace'],
      ['CO-SHAPE-isCountryCode', 'exportCountry'],
      ['CO-SHAPE-isIsoDate', 'transport.departureDate'],
      ['CO-SHAPE-isTransportModeCode', 'transport.modeCode'],
      ['CO-SHAPE-isUnLocode', 'transport.loadingPort'],
      ['CO-SHAPE-isPackageTypeCode', 'items[1].packageType'],
      ['CO-SHAPE-isHsCode', 'items[1].hsCode'],
      ['CO-SHAPE-matches', 'items[1].originCriterion'],
      ['CO-SHAPE-isUnitCode', 'items[2].grossWeight.unit'],
      ['CO-SHAPE-isCurrencyCode', 'items[2].fobValue.currency'],
    ]);
    expect(violations.every((v) => v.severity === 'error' && v.message.length > 0)).toBe(true);
  });

  it('reports missing required fields as isDefined, nothing more', () => {
    const body = buildCertificate({ certificateNumber: undefined, items: [buildItem({ description: undefined as never })] });
    expect(validateCertificateShape(body).violations).toEqual([
      { ruleId: 'CO-SHAPE-isDefined', severity: 'error', path: 'certificateNumber', message: 'certificateNumber is required' },
      { ruleId: 'CO-SHAPE-isDefined', severity: 'error', path: 'items[0].description', message: 'items[0].description is required' },
    ]);
  });

  it('requires at least one item', () => {
    expect(validateCertificateShape(buildCertificate({ items: [] })).violations.map((v) => [v.ruleId, v.path])).toEqual([
      ['CO-SHAPE-arrayMinSize', 'items'],
    ]);
  });
});
