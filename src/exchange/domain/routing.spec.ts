import { DeliveryRoute } from './delivery-status';
import { MessageType } from './message-type';
import { RoutablePartner, routeMessage } from './routing';

const japanHub: RoutablePartner = {
  id: 'p-jp',
  code: 'JP-NACCS',
  routes: [{ country: 'JP', authority: 'JP-CUSTOMS' }],
  messageTypes: [MessageType.CO_ISSUED, MessageType.CO_REPLACED],
};
const asean: RoutablePartner = {
  id: 'p-asean',
  code: 'SG-ASW',
  routes: [
    { country: 'TH', authority: 'TH-CUSTOMS' },
    { country: 'VN', authority: 'VN-CUSTOMS' },
  ],
  messageTypes: Object.values(MessageType),
};

describe('routing a message to its recipients', () => {
  it('sends to the partner that serves the importing country and accepts the type', () => {
    expect(routeMessage({ type: MessageType.CO_ISSUED, countries: ['JP'], partners: [asean, japanHub], localAuthorities: [] })).toEqual([
      { route: DeliveryRoute.PARTNER, country: 'JP', authority: 'JP-CUSTOMS', partnerId: 'p-jp', partnerCode: 'JP-NACCS' },
    ]);
  });

  it('records a destination nobody serves, or a type its partner does not accept, as one unroutable recipient', () => {
    expect(routeMessage({ type: MessageType.CO_ISSUED, countries: ['CN'], partners: [asean, japanHub], localAuthorities: [] })).toEqual([
      { route: DeliveryRoute.NONE, country: 'CN' },
    ]);
    expect(routeMessage({ type: MessageType.CO_CANCELLED, countries: ['JP'], partners: [japanHub], localAuthorities: [] })).toEqual([
      { route: DeliveryRoute.NONE, country: 'JP' },
    ]);
  });

  it('delivers locally to customs served by this hub, and not a second time through a partner', () => {
    expect(
      routeMessage({ type: MessageType.CO_ISSUED, countries: ['JP'], partners: [japanHub], localAuthorities: [{ code: 'JP-CUSTOMS', country: 'JP' }] }),
    ).toEqual([{ route: DeliveryRoute.LOCAL, country: 'JP', authority: 'JP-CUSTOMS' }]);
  });

  it('routes a replacement that moved the destination to both the old and the new importing country', () => {
    const recipients = routeMessage({ type: MessageType.CO_REPLACED, countries: ['VN', 'TH', 'VN'], partners: [asean], localAuthorities: [] });
    expect(recipients.map((r) => (r.route === DeliveryRoute.NONE ? r.country : r.authority))).toEqual(['VN-CUSTOMS', 'TH-CUSTOMS']);
  });
});
