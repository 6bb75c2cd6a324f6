import { historyFor } from './history-view';
import { ViewerRole } from './viewer';

describe('an event type or data key the trader rules do not list yet', () => {
  it('stays out of what a trader sees until it is listed', () => {
    const history = [
      { id: 'e1', type: 'ISSUED', fromStatus: 'DRAFT', toStatus: 'ISSUED', actor: 'authority:KH-MOC', occurredAt: '2026-11-27T10:00:00.000Z', data: { documentHash: 'ab', internalNote: 'x' } },
      { id: 'e2', type: 'PARTNER_NOTE', fromStatus: null, toStatus: null, actor: 'partner:JP-NACCS', occurredAt: '2026-11-27T10:01:00.000Z', data: { text: 'y' } },
    ];
    expect(historyFor({ role: ViewerRole.TRADER, partyId: 'KH-TIN-1234567' }, history)).toEqual([{ ...history[0], data: { documentHash: 'ab' } }]);
  });
});
