import { historyFor } from './history-view';
import { issuerHubHistory, sharedHubHistory } from './testing/histories';
import { ViewerRole } from './viewer';

describe('the history as its issuer and the operator see it', () => {
  it('is the whole history, every event with all its data', () => {
    for (const history of [sharedHubHistory(), issuerHubHistory()]) {
      expect(historyFor({ role: ViewerRole.ISSUER, code: 'KH-MOC' }, history)).toEqual(history);
      expect(historyFor({ role: ViewerRole.OPERATOR }, history)).toEqual(history);
    }
  });
});
