import { AuthorityRole } from '../../core/auth/authority-role';
import { Principal, PrincipalKind } from '../../core/auth/principal';
import { CertificateStatus } from './certificate-status';
import { VisibleFacts, canSee, isIssuerOf } from './visibility';

const issuer: Principal = { kind: PrincipalKind.AUTHORITY, authorityId: 'a-th', code: 'TH-DFT', country: 'TH', roles: [AuthorityRole.ISSUER], apiKeyId: 'k1' };
const otherIssuer: Principal = { ...issuer, authorityId: 'a-th2', code: 'TH-FTI' };
const customsCn: Principal = { kind: PrincipalKind.AUTHORITY, authorityId: 'a-cn', code: 'CN-GACC', country: 'CN', roles: [AuthorityRole.CUSTOMS], apiKeyId: 'k2' };
const customsJp: Principal = { ...customsCn, authorityId: 'a-jp', code: 'JP-CUSTOMS', country: 'JP' };
const exporter: Principal = { kind: PrincipalKind.TRADER, traderId: 't1', partyId: 'TH-TAX-1', country: 'TH', apiKeyId: 'k3' };
const consignee: Principal = { ...exporter, traderId: 't2', partyId: 'CN-USCC-1', country: 'CN' };
const stranger: Principal = { ...exporter, traderId: 't3', partyId: 'TH-TAX-9' };

const issued: VisibleFacts = { issuingAuthorityId: 'a-th', status: CertificateStatus.ISSUED, importCountry: 'CN', exporterId: 'TH-TAX-1', consigneeId: 'CN-USCC-1' };
const draft: VisibleFacts = { ...issued, status: CertificateStatus.DRAFT };

describe('certificate visibility', () => {
  it('shows an issued certificate to its issuer, the importing customs and its traders only', () => {
    expect([issuer, customsCn, exporter, consignee].map((p) => canSee(p, issued))).toEqual([true, true, true, true]);
    expect([otherIssuer, customsJp, stranger].map((p) => canSee(p, issued))).toEqual([false, false, false]);
  });

  it('shows a draft to its issuer alone', () => {
    expect([issuer, customsCn, exporter, consignee, otherIssuer].map((p) => canSee(p, draft))).toEqual([true, false, false, false, false]);
  });

  it('tells the issuer from other readers', () => {
    expect(isIssuerOf(issuer, issued)).toBe(true);
    expect(isIssuerOf(customsCn, issued)).toBe(false);
  });
});
