import { Capability } from './auth.decorators';
import { AuthorityRole } from './authority-role';
import { capabilitiesOf } from './capabilities';
import { PrincipalKind } from './principal';

describe('capabilitiesOf', () => {
  it('gives an authority one capability per role, the operator and a trader their own', () => {
    const authority = { kind: PrincipalKind.AUTHORITY, authorityId: 'a1', code: 'KH-MOC', country: 'KH', apiKeyId: 'k1' } as const;
    expect(capabilitiesOf({ ...authority, roles: [AuthorityRole.ISSUER] })).toEqual([Capability.ISSUER]);
    expect(capabilitiesOf({ ...authority, roles: [AuthorityRole.CUSTOMS] })).toEqual([Capability.CUSTOMS]);
    expect(capabilitiesOf({ ...authority, roles: [AuthorityRole.ISSUER, AuthorityRole.CUSTOMS] })).toEqual([Capability.ISSUER, Capability.CUSTOMS]);
    expect(capabilitiesOf({ kind: PrincipalKind.OPERATOR })).toEqual([Capability.OPERATOR]);
    expect(capabilitiesOf({ kind: PrincipalKind.TRADER, traderId: 't1', partyId: 'KH-TIN-1', country: 'KH', apiKeyId: 'k2' })).toEqual([Capability.TRADER]);
  });
});
