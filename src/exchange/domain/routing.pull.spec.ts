import { DeliveryRoute } from './delivery-status';
import { MessageType } from './message-type';
import { routeMessage } from './routing';

describe('routing to a partner that pulls', () => {
  it('marks its recipient as waiting to be pulled, and no other', () => {
    const pulling = { id: 'p-kh', code: 'KH-HUB', routes: [{ country: 'KH', authority: 'KH-CUSTOMS' }], messageTypes: [MessageType.CO_ISSUED], pull: true };
    const pushed = { id: 'p-jp', code: 'JP-HUB', routes: [{ country: 'JP', authority: 'JP-CUSTOMS' }], messageTypes: [MessageType.CO_ISSUED] };
    expect(routeMessage({ type: MessageType.CO_ISSUED, countries: ['KH', 'JP'], partners: [pulling, pushed], localAuthorities: [] })).toEqual([
      { route: DeliveryRoute.PARTNER, country: 'KH', authority: 'KH-CUSTOMS', partnerId: 'p-kh', partnerCode: 'KH-HUB', pull: true },
      { route: DeliveryRoute.PARTNER, country: 'JP', authority: 'JP-CUSTOMS', partnerId: 'p-jp', partnerCode: 'JP-HUB' },
    ]);
  });
});
