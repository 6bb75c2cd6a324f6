import { buildCertificate, buildItem } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { hsChapterExistsRule } from './hs-chapter-exists.rule';
import { HsNomenclature } from '../hs/hs-nomenclature';

process.env.TZ = 'UTC';

describe('CO-HS-002 HS chapter exists when shape-only', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(hsChapterExistsRule, buildCertificate())).toEqual([]);
  });

  const shapeOnly = { hs: HsNomenclature.shapeOnly() };

  it.each(['770000', '990000', '000000', '980000'])('reports %s, outside the HS chapters', (hsCode) => {
    const doc = buildCertificate({ items: [buildItem({ hsCode })] });
    expect(checkRule(hsChapterExistsRule, doc, shapeOnly)).toEqual([['CO-HS-002', 'error', 'items[0].hsCode']]);
  });

  it('accepts any code in an HS chapter when shape-only', () => {
    expect(checkRule(hsChapterExistsRule, buildCertificate({ items: [buildItem({ hsCode: '081099' })] }), shapeOnly)).toEqual([]);
  });

  it('is silent when the full nomenclature is known (CO-HS-001 checks then)', () => {
    expect(checkRule(hsChapterExistsRule, buildCertificate({ items: [buildItem({ hsCode: '990000' })] }))).toEqual([]);
  });
});
