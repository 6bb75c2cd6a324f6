import { CertificateAction, allowedActions, transition } from './certificate-lifecycle';
import { CertificateStatus } from './certificate-status';

const now = new Date('2026-11-27T08:00:00Z');
const ctx = { now, copyNumber: 0, expiresAt: new Date('2027-11-27T08:00:00Z') };

describe('certificate lifecycle', () => {
  it.each([
    [CertificateStatus.DRAFT, CertificateAction.UPDATE, CertificateStatus.DRAFT],
    [CertificateStatus.DRAFT, CertificateAction.ISSUE, CertificateStatus.ISSUED],
    [CertificateStatus.ISSUED, CertificateAction.CANCEL, CertificateStatus.CANCELLED],
    [CertificateStatus.ISSUED, CertificateAction.REPLACE, CertificateStatus.REPLACED],
    [CertificateStatus.ISSUED, CertificateAction.DUPLICATE, CertificateStatus.ISSUED],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(transition(from, action, ctx)).toEqual({ ok: true, to });
  });

  it.each([
    [CertificateStatus.DRAFT, CertificateAction.CANCEL],
    [CertificateStatus.DRAFT, CertificateAction.REPLACE],
    [CertificateStatus.ISSUED, CertificateAction.ISSUE],
    [CertificateStatus.ISSUED, CertificateAction.UPDATE],
    [CertificateStatus.CANCELLED, CertificateAction.ISSUE],
    [CertificateStatus.CANCELLED, CertificateAction.CANCEL],
    [CertificateStatus.REPLACED, CertificateAction.REPLACE],
    [CertificateStatus.EXPIRED, CertificateAction.CANCEL],
  ])('refuses %s --%s--> naming the current state', (from, action) => {
    const result = transition(from, action, ctx);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(from);
  });

  it('refuses a duplicate of a duplicate', () => {
    expect(transition(CertificateStatus.ISSUED, CertificateAction.DUPLICATE, { ...ctx, copyNumber: 1 })).toMatchObject({ ok: false });
  });

  it('expires only once the validity has passed', () => {
    expect(transition(CertificateStatus.ISSUED, CertificateAction.EXPIRE, ctx)).toMatchObject({ ok: false });
    const later = { ...ctx, now: new Date('2027-11-27T08:00:00Z') };
    expect(transition(CertificateStatus.ISSUED, CertificateAction.EXPIRE, later)).toEqual({ ok: true, to: CertificateStatus.EXPIRED });
    expect(transition(CertificateStatus.ISSUED, CertificateAction.EXPIRE, { ...later, expiresAt: null })).toMatchObject({ ok: false });
  });

  it('lists nothing to do with a final state', () => {
    expect(allowedActions(CertificateStatus.CANCELLED)).toEqual([]);
    expect(allowedActions(CertificateStatus.DRAFT)).toEqual([CertificateAction.UPDATE, CertificateAction.ISSUE]);
  });
});
