import { historyFor } from './history-view';
import { issuerHubHistory, receivedCopyHistory } from './testing/histories';
import { ViewerRole } from './viewer';

const trader = { role: ViewerRole.TRADER as const, partyId: 'KH-TIN-1234567' };

describe('the history of messages that came through partner nodes, as a trader sees it', () => {
  it("keeps the issuer's cancellation reason and the import status, not the answers nor their envelopes", () => {
    expect(historyFor(trader, issuerHubHistory()).map((e) => [e.type, e.toStatus, e.data])).toEqual([
      ['ISSUED', 'ISSUED', { documentHash: 'ff'.repeat(32), versions: { dataset: '1', profile: 'RCEP@2022-01-01', hs: 'HS2022' } }],
      ['IMPORT_STATUS_CHANGED', 'REJECTED', {}],
      ['CANCELLED', 'CANCELLED', { reason: 'Issued in error' }],
    ]);
  });

  it('shows a received copy and its replacement without the envelope ids', () => {
    expect(historyFor(trader, receivedCopyHistory()).map((e) => e.data)).toEqual([{ documentHash: 'ee'.repeat(32), signatureValid: true }, { replacedBy: 'KH-MOC/KH-RCEP-2/0' }]);
  });
});
