import { historyFor } from './history-view';
import { CASE_ID, DECLARATION_NUMBER, issuerHubHistory, sharedHubHistory } from './testing/histories';
import { ViewerRole } from './viewer';

const osaka = { role: ViewerRole.IMPORTING_CUSTOMS as const, code: 'JP-CUSTOMS-OSAKA', country: 'JP' };

describe('the history as another customs authority of the importing country sees it', () => {
  it('shows that a case happened, without the content that only its two parties read', () => {
    const seen = historyFor(osaka, sharedHubHistory());
    expect(seen.filter((e) => e.type.startsWith('VERIFICATION_')).map((e) => [e.type, e.data])).toEqual([
      ['VERIFICATION_REQUESTED', { caseId: CASE_ID, dueAt: '2027-02-25T10:07:00.000Z' }],
      ['VERIFICATION_RESPONDED', { caseId: CASE_ID }],
      ['VERIFICATION_CLOSED', { caseId: CASE_ID, decision: 'VERIFIED' }],
    ]);
  });

  it("shows the quantities another authority's declaration used, not its number", () => {
    const seen = historyFor(osaka, sharedHubHistory());
    expect(seen.find((e) => e.type === 'USE_RECORDED')?.data).toEqual({ source: 'IMPORT_DECLARATION', lines: [{ itemNumber: 1, quantity: '25000', unit: 'KGM' }] });
    expect(JSON.stringify(seen)).not.toContain(DECLARATION_NUMBER);
    expect(seen).toHaveLength(sharedHubHistory().length);
  });

  it('reads the requester of a received request from the request itself', () => {
    const history = issuerHubHistory();
    expect(historyFor(osaka, history).find((e) => e.type === 'VERIFICATION_REQUESTED')?.data).toEqual({ caseId: CASE_ID, dueAt: '2027-02-25T10:00:00.000Z' });
    expect(historyFor({ ...osaka, code: 'JP-CUSTOMS' }, history)).toEqual(history);
  });
});
