import { buildCertificate, buildItem } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { hsCodeExistsRule } from './hs-code-exists.rule';
import { HsNomenclature } from '../hs/hs-nomenclature';

process.env.TZ = 'UTC';

describe('CO-HS-001 HS code exists in the nomenclature', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(hsCodeExistsRule, buildCertificate())).toEqual([]);
  });

  it('reports a subheading the nomenclature does not have', () => {
    const doc = buildCertificate({ items: [buildItem(), buildItem({ itemNumber: 2, hsCode: '081099' })] });
    expect(checkRule(hsCodeExistsRule, doc)).toEqual([['CO-HS-001', 'error', 'items[1].hsCode']]);
  });

  it('accepts the NNNN.NN spelling of a subheading it has', () => {
    expect(checkRule(hsCodeExistsRule, buildCertificate({ items: [buildItem({ hsCode: '0810.60' })] }))).toEqual([]);
  });

  it('is silent when only chapters are known (CO-HS-002 checks then)', () => {
    const doc = buildCertificate({ items: [buildItem({ hsCode: '081099' })] });
    expect(checkRule(hsCodeExistsRule, doc, { hs: HsNomenclature.shapeOnly() })).toEqual([]);
  });
});
