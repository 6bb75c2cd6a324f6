import { builtInProfileCatalog } from '../../../dataset/agreements/built-in-profiles';
import { HsNomenclature } from '../../../dataset/hs/hs-nomenclature';
import { buildCertificate } from '../../../dataset/testing/build-certificate';
import { parseProfileVersion, recheckDataset } from './dataset-recheck';

const ISSUE_TIME = new Date('2026-03-02T09:30:00Z');

function issuedDocument(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const body = buildCertificate({}, { now: ISSUE_TIME }) as unknown as Record<string, unknown>;
  return { ...body, issuingAuthority: 'TH-DFT', issueDateTime: ISSUE_TIME.toISOString(), copyNumber: 0, ...overrides };
}

describe('recheckDataset: the rules as they stood at issue, against the recorded profile version', () => {
  const catalog = builtInProfileCatalog();
  const hs = HsNomenclature.shapeOnly();
  const rcep = catalog.resolve('RCEP', ISSUE_TIME);

  it('passes an issued document under its recorded version, however much later it is checked', () => {
    const facts = recheckDataset(issuedDocument(), { issueTime: ISSUE_TIME, recordedProfile: `RCEP@${rcep?.version}`, rulesVersion: '1', catalog, hs, issuerCountry: 'TH' });
    expect(facts).toMatchObject({ kind: 'CHECKED', against: { profile: `RCEP@${rcep?.version}` }, at: ISSUE_TIME });
    expect(facts.kind === 'CHECKED' && facts.violations.filter((v) => v.severity === 'error')).toEqual([]);
  });

  it('fails a document that breaks a rule, names a recorded version it does not know, and refuses what is no certificate', () => {
    const broken = recheckDataset(issuedDocument({ importCountry: 'TH' }), { issueTime: ISSUE_TIME, recordedProfile: null, rulesVersion: '1', catalog, hs });
    expect(broken.kind === 'CHECKED' && broken.violations.some((v) => v.severity === 'error')).toBe(true);
    expect(recheckDataset(issuedDocument(), { issueTime: ISSUE_TIME, recordedProfile: 'RCEP@1999-01-01', rulesVersion: '1', catalog, hs })).toEqual({ kind: 'PROFILE_UNKNOWN', profileVersion: 'RCEP@1999-01-01' });
    expect(recheckDataset({ hello: 'world' }, { issueTime: ISSUE_TIME, recordedProfile: null, rulesVersion: '1', catalog, hs }).kind).toBe('SHAPE_INVALID');
  });

  it('holds a certificate issued under rules 1 to CO-ITEM-010 (rules 1.1) as a warning only, and one issued under 1.1 as an error', () => {
    const zero = issuedDocument();
    const items = zero.items as Record<string, unknown>[];
    zero.items = [{ ...items[0], quantity: { value: '0', unit: 'KGM' } }, ...items.slice(1)];
    const older = recheckDataset(zero, { issueTime: ISSUE_TIME, recordedProfile: null, rulesVersion: '1', catalog, hs, issuerCountry: 'TH' });
    expect(older.kind === 'CHECKED' && older.violations.filter((v) => v.ruleId === 'CO-ITEM-010')).toEqual([expect.objectContaining({ severity: 'warning', path: 'items[0].quantity.value' })]);
    expect(older.kind === 'CHECKED' && older.violations.some((v) => v.severity === 'error')).toBe(false);
    const current = recheckDataset(zero, { issueTime: ISSUE_TIME, recordedProfile: null, rulesVersion: '1.1', catalog, hs, issuerCountry: 'TH' });
    expect(current.kind === 'CHECKED' && current.violations.filter((v) => v.ruleId === 'CO-ITEM-010')).toEqual([expect.objectContaining({ severity: 'error' })]);
  });

  it('reads recorded versions', () => {
    expect(parseProfileVersion('RCEP@2022-01-01')).toEqual({ code: 'RCEP', version: '2022-01-01' });
    expect(parseProfileVersion('RCEP')).toBeUndefined();
  });
});
