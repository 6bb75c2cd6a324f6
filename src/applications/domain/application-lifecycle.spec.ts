import { applicationActions, exporterMayEdit, isFinal, transitionApplication } from './application-lifecycle';
import { ApplicationAction, ApplicationStatus } from './application-status';

const exporter = { claimedBy: null, lastChangedByOfficer: null, fourEyes: true };
const underClaim = (officerId: string) => ({ officerId, claimedBy: 'alice', lastChangedByOfficer: null, fourEyes: true });

describe('application lifecycle', () => {
  it.each([
    [ApplicationStatus.DRAFT, ApplicationAction.EDIT, ApplicationStatus.DRAFT],
    [ApplicationStatus.DRAFT, ApplicationAction.SUBMIT, ApplicationStatus.SUBMITTED],
    [ApplicationStatus.DRAFT, ApplicationAction.WITHDRAW, ApplicationStatus.WITHDRAWN],
    [ApplicationStatus.SUBMITTED, ApplicationAction.CLAIM, ApplicationStatus.UNDER_REVIEW],
    [ApplicationStatus.SUBMITTED, ApplicationAction.WITHDRAW, ApplicationStatus.WITHDRAWN],
    [ApplicationStatus.UNDER_REVIEW, ApplicationAction.CLAIM, ApplicationStatus.UNDER_REVIEW],
    [ApplicationStatus.UNDER_REVIEW, ApplicationAction.WITHDRAW, ApplicationStatus.WITHDRAWN],
    [ApplicationStatus.CHANGES_REQUESTED, ApplicationAction.EDIT, ApplicationStatus.CHANGES_REQUESTED],
    [ApplicationStatus.CHANGES_REQUESTED, ApplicationAction.SUBMIT, ApplicationStatus.SUBMITTED],
    [ApplicationStatus.CHANGES_REQUESTED, ApplicationAction.WITHDRAW, ApplicationStatus.WITHDRAWN],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(transitionApplication(from, action, exporter)).toEqual({ ok: true, to });
  });

  it.each([
    [ApplicationAction.AMEND, ApplicationStatus.UNDER_REVIEW],
    [ApplicationAction.COMMENT, ApplicationStatus.UNDER_REVIEW],
    [ApplicationAction.REQUEST_CHANGES, ApplicationStatus.CHANGES_REQUESTED],
    [ApplicationAction.APPROVE, ApplicationStatus.APPROVED],
  ])('the officer holding the claim may %s (to %s)', (action, to) => {
    expect(transitionApplication(ApplicationStatus.UNDER_REVIEW, action, underClaim('alice'))).toEqual({ ok: true, to });
  });

  it.each([ApplicationAction.AMEND, ApplicationAction.COMMENT, ApplicationAction.REQUEST_CHANGES, ApplicationAction.APPROVE, ApplicationAction.REJECT])(
    'an officer without the claim may not %s',
    (action) => {
      const result = transitionApplication(ApplicationStatus.UNDER_REVIEW, action, { ...underClaim('bob'), reasonCount: 1 });
      expect(result).toEqual({ ok: false, reason: 'the application is claimed by alice: claim it first' });
    },
  );

  it('rejects only with a coded reason', () => {
    expect(transitionApplication(ApplicationStatus.UNDER_REVIEW, ApplicationAction.REJECT, { ...underClaim('alice'), reasonCount: 0 })).toMatchObject({ ok: false, reason: 'a rejection carries at least one coded reason' });
    expect(transitionApplication(ApplicationStatus.UNDER_REVIEW, ApplicationAction.REJECT, { ...underClaim('alice'), reasonCount: 2 })).toEqual({ ok: true, to: ApplicationStatus.REJECTED });
  });

  it.each([
    [ApplicationStatus.DRAFT, ApplicationAction.CLAIM],
    [ApplicationStatus.DRAFT, ApplicationAction.APPROVE],
    [ApplicationStatus.SUBMITTED, ApplicationAction.APPROVE],
    [ApplicationStatus.SUBMITTED, ApplicationAction.EDIT],
    [ApplicationStatus.UNDER_REVIEW, ApplicationAction.EDIT],
    [ApplicationStatus.UNDER_REVIEW, ApplicationAction.SUBMIT],
    [ApplicationStatus.CHANGES_REQUESTED, ApplicationAction.APPROVE],
    [ApplicationStatus.APPROVED, ApplicationAction.WITHDRAW],
    [ApplicationStatus.REJECTED, ApplicationAction.SUBMIT],
    [ApplicationStatus.WITHDRAWN, ApplicationAction.SUBMIT],
  ])('refuses %s --%s--> naming the current state', (from, action) => {
    const result = transitionApplication(from, action, underClaim('alice'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(from);
    expect(!result.ok && result.fourEyes).toBeFalsy();
  });

  it('ends in APPROVED, REJECTED or WITHDRAWN, where nothing more can happen', () => {
    expect([ApplicationStatus.APPROVED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN].map(isFinal)).toEqual([true, true, true]);
    expect([ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW, ApplicationStatus.CHANGES_REQUESTED].map(isFinal)).toEqual([false, false, false, false]);
    expect(applicationActions(ApplicationStatus.APPROVED)).toEqual([]);
  });

  it('lets the exporter change its data only in DRAFT and CHANGES_REQUESTED', () => {
    expect(Object.values(ApplicationStatus).filter(exporterMayEdit)).toEqual([ApplicationStatus.DRAFT, ApplicationStatus.CHANGES_REQUESTED]);
  });
});
