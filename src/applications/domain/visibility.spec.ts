import { AuthorityRole } from '../../core/auth/authority-role';
import { PrincipalKind, type Principal } from '../../core/auth/principal';
import { ApplicationViewer, viewerOf } from './visibility';

const application = { exporterTraderId: 't-exporter', authorityId: 'a-moc', firstSubmittedAt: new Date('2026-12-01T09:00:00Z') };
const trader = (traderId: string): Principal => ({ kind: PrincipalKind.TRADER, traderId, partyId: `KH-TIN-${traderId}`, country: 'KH', apiKeyId: 'k' });
const authority = (authorityId: string, roles: AuthorityRole[]): Principal => ({ kind: PrincipalKind.AUTHORITY, authorityId, code: authorityId, country: 'KH', roles, apiKeyId: 'k', officerId: 'alice' });

describe('who sees an application', () => {
  it('its exporter', () => expect(viewerOf(trader('t-exporter'), application)).toBe(ApplicationViewer.EXPORTER));
  it('the issuing authority it is addressed to', () => expect(viewerOf(authority('a-moc', [AuthorityRole.ISSUER]), application)).toBe(ApplicationViewer.AUTHORITY));
  it('not the authority while it is a draft never submitted', () => expect(viewerOf(authority('a-moc', [AuthorityRole.ISSUER]), { ...application, firstSubmittedAt: null })).toBeNull());
  it('not another trader, the consignee included', () => expect(viewerOf(trader('t-consignee'), application)).toBeNull());
  it('not another issuing authority', () => expect(viewerOf(authority('a-ccc', [AuthorityRole.ISSUER]), application)).toBeNull());
  it('not the importing customs', () => expect(viewerOf(authority('a-jp', [AuthorityRole.CUSTOMS]), application)).toBeNull());
  it('not the operator', () => expect(viewerOf({ kind: PrincipalKind.OPERATOR }, application)).toBeNull());
});
