import { buildCertificate, buildItem, TEST_NOW } from '../testing/build-certificate';
import { ruleContextFor, TEST_CATALOG, TEST_HS } from '../testing/rule-test-kit';
import { buildRuleContext, CERTIFICATE_RULES, runRules } from './index';

process.env.TZ = 'UTC';

describe('runRules', () => {
  it('finds nothing wrong with the valid certificate', () => {
    const doc = buildCertificate();
    expect(runRules(doc, ruleContextFor(doc))).toEqual([]);
  });

  it('gives every rule a unique, stable id and a JSDoc-named title', () => {
    const ids = CERTIFICATE_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of CERTIFICATE_RULES) {
      expect(rule.id).toMatch(/^CO-[A-Z0-9]+-[0-9]{3}$/);
      expect(['error', 'warning']).toContain(rule.severity);
      expect(rule.title.length).toBeGreaterThan(0);
    }
  });

  it('reports every broken rule at once, in rule order', () => {
    const doc = buildCertificate({
      importCountry: 'US',
      ucr: '6th-lower',
      items: [buildItem({ originCriterion: 'RVC40', fobValue: undefined }), buildItem({ itemNumber: 1, hsCode: '081099' })],
    });
    expect(runRules(doc, ruleContextFor(doc)).map((v) => [v.ruleId, v.path])).toEqual([
      ['CO-AGR-003', 'importCountry'],
      ['CO-UCR-001', 'ucr'],
      ['CO-PARTY-003', 'consignee.address.country'],
      ['CO-ITEM-001', 'items[1].itemNumber'],
      ['CO-HS-001', 'items[1].hsCode'],
      ['CO-ORIG-002', 'items[0].fobValue'],
    ]);
  });
});

describe('buildRuleContext', () => {
  it('resolves the agreement named at now', () => {
    const ctx = buildRuleContext({ doc: buildCertificate(), now: TEST_NOW, catalog: TEST_CATALOG, hs: TEST_HS, issuerCountry: 'TH' });
    expect([ctx.agreementKnown, ctx.profile?.code, ctx.issuerCountry]).toEqual([true, 'RCEP', 'TH']);
  });

  it('uses the non-preferential profile for a non-preferential certificate without agreement', () => {
    const doc = buildCertificate({ preferential: false, agreement: undefined });
    const ctx = buildRuleContext({ doc, now: TEST_NOW, catalog: TEST_CATALOG, hs: TEST_HS });
    expect([ctx.agreementKnown, ctx.profile?.code]).toEqual([true, 'NON_PREFERENTIAL']);
  });

  it('knows no profile for an unknown agreement, or a preferential certificate without one', () => {
    const unknown = buildRuleContext({ doc: buildCertificate({ agreement: 'CPTPP' }), now: TEST_NOW, catalog: TEST_CATALOG, hs: TEST_HS });
    const missing = buildRuleContext({ doc: buildCertificate({ agreement: undefined }), now: TEST_NOW, catalog: TEST_CATALOG, hs: TEST_HS });
    expect([unknown.agreementKnown, unknown.profile, missing.agreementKnown, missing.profile]).toEqual([false, undefined, false, undefined]);
  });
});
