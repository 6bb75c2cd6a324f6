import { transitionApplication } from './application-lifecycle';
import { ApplicationAction, ApplicationStatus } from './application-status';
import { fourEyesRefusal } from './four-eyes';

describe('four eyes: the officer who last changed the data does not approve it', () => {
  it('refuses the officer who amended, whichever key that officer uses', () => {
    const result = transitionApplication(ApplicationStatus.UNDER_REVIEW, ApplicationAction.APPROVE, { officerId: 'alice', claimedBy: 'alice', lastChangedByOfficer: 'alice', fourEyes: true });
    expect(result).toEqual({ ok: false, fourEyes: true, reason: "officer alice last changed this application's data, so another officer must approve it (four eyes)" });
  });

  it('lets a second officer approve', () => {
    expect(transitionApplication(ApplicationStatus.UNDER_REVIEW, ApplicationAction.APPROVE, { officerId: 'bob', claimedBy: 'bob', lastChangedByOfficer: 'alice', fourEyes: true })).toEqual({
      ok: true,
      to: ApplicationStatus.APPROVED,
    });
  });

  it('lets any officer approve data only the exporter changed', () => {
    expect(fourEyesRefusal({ enabled: true, approvingOfficer: 'alice', lastChangedByOfficer: null })).toBeUndefined();
  });

  it('lets the same officer approve when the authority turned four eyes off', () => {
    expect(fourEyesRefusal({ enabled: false, approvingOfficer: 'alice', lastChangedByOfficer: 'alice' })).toBeUndefined();
  });

  it('reports the claim, not four eyes, when the approving officer does not hold the claim', () => {
    const result = transitionApplication(ApplicationStatus.UNDER_REVIEW, ApplicationAction.APPROVE, { officerId: 'alice', claimedBy: 'bob', lastChangedByOfficer: 'alice', fourEyes: true });
    expect(result).toEqual({ ok: false, reason: 'the application is claimed by bob: claim it first' });
  });
});
