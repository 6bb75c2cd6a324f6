import { AuthorityRole } from '../../../core/auth/authority-role';
import { Principal, PrincipalKind } from '../../../core/auth/principal';
import { AnswerScope, answerScope } from './answer-scope';

const facts = { issuingAuthorityCode: 'KH-MOC', importCountry: 'JP' };
const authority = (code: string, country: string, roles: AuthorityRole[]): Principal => ({ kind: PrincipalKind.AUTHORITY, authorityId: 'a', code, country, roles, apiKeyId: 'k' });

describe('answerScope: who gets every check, who the verdict and the summary only', () => {
  it('gives the full answer to the importing customs, the issuer and the operator', () => {
    expect(answerScope(authority('JP-CUSTOMS', 'JP', [AuthorityRole.CUSTOMS]), facts)).toBe(AnswerScope.FULL);
    expect(answerScope(authority('KH-MOC', 'KH', [AuthorityRole.ISSUER]), facts)).toBe(AnswerScope.FULL);
    expect(answerScope({ kind: PrincipalKind.OPERATOR }, facts)).toBe(AnswerScope.FULL);
  });

  it('gives the public answer to the public, traders, other customs and other issuers', () => {
    expect(answerScope(undefined, facts)).toBe(AnswerScope.PUBLIC);
    expect(answerScope({ kind: PrincipalKind.TRADER, traderId: 't', partyId: 'JP-CN-1', country: 'JP', apiKeyId: 'k' }, facts)).toBe(AnswerScope.PUBLIC);
    expect(answerScope(authority('TH-CUSTOMS', 'TH', [AuthorityRole.CUSTOMS]), facts)).toBe(AnswerScope.PUBLIC);
    expect(answerScope(authority('KH-CCC', 'KH', [AuthorityRole.ISSUER]), facts)).toBe(AnswerScope.PUBLIC);
    // An issuer of the importing country is not its customs.
    expect(answerScope(authority('JP-JCCI', 'JP', [AuthorityRole.ISSUER]), facts)).toBe(AnswerScope.PUBLIC);
  });

  it('gives nothing more when the hub holds no certificate and the caller is not the named issuer', () => {
    expect(answerScope(authority('JP-CUSTOMS', 'JP', [AuthorityRole.CUSTOMS]), { issuingAuthorityCode: 'KH-MOC', importCountry: null })).toBe(AnswerScope.PUBLIC);
  });
});
