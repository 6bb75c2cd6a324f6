import { historyFor } from './history-view';
import { sharedHubHistory } from './testing/histories';
import { ViewerRole } from './viewer';

describe('the history as the customs authority that asked the case and matched the declaration sees it', () => {
  it('is the whole history', () => {
    const history = sharedHubHistory();
    expect(historyFor({ role: ViewerRole.IMPORTING_CUSTOMS, code: 'JP-CUSTOMS', country: 'JP' }, history)).toEqual(history);
  });
});
