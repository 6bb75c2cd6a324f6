import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtInProfileCatalog } from '../agreements/built-in-profiles';
import { canonicalJson, sha256Hex } from '../../core/canonical/canonical-json';
import { normalizeDocument } from '../canonical';
import { loadHsNomenclatureFile } from '../hs/hs-loader';
import { HsNomenclature } from '../hs/hs-nomenclature';
import { validateCertificateShape } from '../validate-shape';
import { buildRuleContext, runRules } from './index';

process.env.TZ = 'UTC';

// The whole path the certificates service takes: shape, normalise, rules, canonical hash, on the shared
// sample as written (shipped 12 May 2026) against the full HS 2022 list.
const SHARED = resolve(__dirname, '../../../../shared');

describe('scenario: the shared RCEP durian sample', () => {
  const sample = JSON.parse(readFileSync(resolve(SHARED, 'samples/rcep-th-cn-durian.json'), 'utf8'));

  it('passes shape and every rule when issued by a Thai authority the day it ships', async () => {
    const hs = await loadHsNomenclatureFile(process.env.HS_CSV_PATH ?? resolve(SHARED, 'data/hs/harmonized-system.csv'));
    const { value, violations } = validateCertificateShape(sample);
    expect(violations).toEqual([]);
    const doc = normalizeDocument(value as NonNullable<typeof value>);
    const now = new Date('2026-05-12T03:00:00Z');
    const ctx = buildRuleContext({ doc, now, catalog: builtInProfileCatalog(), hs, issuerCountry: 'TH' });
    expect(runRules(doc, ctx)).toEqual([]);
    expect(sha256Hex(canonicalJson(doc))).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalJson(doc)).toBe(canonicalJson(sample));
  });

  it('needs the retroactive flag when issued a week after shipment', () => {
    const { value } = validateCertificateShape(sample);
    const doc = normalizeDocument(value as NonNullable<typeof value>);
    const now = new Date('2026-05-19T03:00:00Z');
    const ctx = buildRuleContext({ doc, now, catalog: builtInProfileCatalog(), hs: HsNomenclature.shapeOnly() });
    expect(runRules(doc, ctx).map((v) => [v.ruleId, v.path])).toEqual([['CO-RETRO-001', 'issuedRetroactively']]);
  });
});
