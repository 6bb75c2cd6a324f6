import { AuthorityRole } from '../../core/auth/authority-role';
import { CertificateStatus } from '../../certificates/domain/certificate-status';
import { CaseSide, caseSides, isImportingCustoms } from './parties';

const japanCustoms = { code: 'JP-CUSTOMS', country: 'JP', roles: [AuthorityRole.CUSTOMS] };
const moc = { code: 'KH-MOC', country: 'KH', roles: [AuthorityRole.ISSUER] };
const kase = { requestingAuthority: 'JP-CUSTOMS', issuingAuthority: 'KH-MOC' };

describe('parties: who may act', () => {
  it('lets the customs of the importing country act on an issued certificate, and only them', () => {
    expect(isImportingCustoms(japanCustoms, { importCountry: 'JP', status: CertificateStatus.ISSUED })).toBe(true);
    expect(isImportingCustoms(japanCustoms, { importCountry: 'JP', status: CertificateStatus.DRAFT })).toBe(false);
    expect(isImportingCustoms(japanCustoms, { importCountry: 'TH', status: CertificateStatus.ISSUED })).toBe(false);
    expect(isImportingCustoms({ ...japanCustoms, roles: [AuthorityRole.ISSUER] }, { importCountry: 'JP', status: CertificateStatus.ISSUED })).toBe(false);
  });

  it("puts each party of a case on its side, by code and role, and anyone else on none", () => {
    expect(caseSides(japanCustoms, kase)).toEqual([CaseSide.REQUESTER]);
    expect(caseSides(moc, kase)).toEqual([CaseSide.ISSUER]);
    expect(caseSides({ ...japanCustoms, code: 'JP-CUSTOMS-OSAKA' }, kase)).toEqual([]);
    expect(caseSides({ ...moc, roles: [AuthorityRole.CUSTOMS] }, kase)).toEqual([]);
  });
});
