import { keyTransition, SigningKeyAction, SigningKeyStatus } from './key-status';

describe('signing key transitions', () => {
  it.each([
    [SigningKeyStatus.PENDING_CERTIFICATE, SigningKeyAction.ACTIVATE, SigningKeyStatus.ACTIVE],
    [SigningKeyStatus.PENDING_CERTIFICATE, SigningKeyAction.RETIRE, SigningKeyStatus.RETIRED],
    [SigningKeyStatus.PENDING_CERTIFICATE, SigningKeyAction.REVOKE, SigningKeyStatus.REVOKED],
    [SigningKeyStatus.ACTIVE, SigningKeyAction.RETIRE, SigningKeyStatus.RETIRED],
    [SigningKeyStatus.ACTIVE, SigningKeyAction.REVOKE, SigningKeyStatus.REVOKED],
    [SigningKeyStatus.RETIRED, SigningKeyAction.REVOKE, SigningKeyStatus.REVOKED],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(keyTransition(from, action)).toEqual({ ok: true, to });
  });

  it.each([
    [SigningKeyStatus.ACTIVE, SigningKeyAction.ACTIVATE],
    [SigningKeyStatus.RETIRED, SigningKeyAction.ACTIVATE],
    [SigningKeyStatus.RETIRED, SigningKeyAction.RETIRE],
    [SigningKeyStatus.REVOKED, SigningKeyAction.ACTIVATE],
    [SigningKeyStatus.REVOKED, SigningKeyAction.RETIRE],
    [SigningKeyStatus.REVOKED, SigningKeyAction.REVOKE],
  ])('refuses %s --%s-->', (from, action) => {
    const result = keyTransition(from, action);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(from);
  });
});
