import { historyFor } from './history-view';
import { DECLARATION_NUMBER, sharedHubHistory } from './testing/histories';
import { ViewerRole } from './viewer';

const trader = { role: ViewerRole.TRADER as const, partyId: 'JP-CN-1234567890123' };

describe('the history as a trader sees it', () => {
  it('is the lifecycle and the import status, without the messages between authorities', () => {
    const seen = historyFor(trader, sharedHubHistory());
    expect(seen.map((e) => [e.type, e.fromStatus, e.toStatus])).toEqual([
      ['CREATED', null, 'DRAFT'],
      ['ISSUED', 'DRAFT', 'ISSUED'],
      ['RECEIVED', null, 'ISSUED'],
      ['IMPORT_STATUS_CHANGED', 'RECEIVED', 'ACCEPTED'],
      ['USE_RECORDED', null, null],
      ['IMPORT_STATUS_CHANGED', 'ACCEPTED', 'DISPUTED'],
      ['IMPORT_STATUS_CHANGED', 'DISPUTED', 'VERIFIED'],
    ]);
  });

  it('carries the quantities used, not the declaration that used them, and no case, response or envelope', () => {
    const seen = historyFor(trader, sharedHubHistory());
    expect(seen.find((e) => e.type === 'USE_RECORDED')?.data).toEqual({ lines: [{ itemNumber: 1, quantity: '25000', unit: 'KGM' }] });
    expect(seen.filter((e) => e.type === 'IMPORT_STATUS_CHANGED').map((e) => e.data)).toEqual([{}, {}, {}]);
    expect(seen.find((e) => e.type === 'RECEIVED')?.data).toEqual({});
    const text = JSON.stringify(seen);
    for (const hidden of [DECLARATION_NUMBER, 'c-1', 'r-1', 'env-1', 'Origin criterion', 'mill-records', 'Mill records', 'CONFIRMED']) expect(text).not.toContain(hidden);
  });
});
