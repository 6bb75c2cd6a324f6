import { deliveriesFor } from './deliveries-view';
import { sharedHubDeliveries } from './testing/deliveries';
import { ViewerRole } from './viewer';

describe("a certificate's deliveries as the operator sees them", () => {
  it('are every delivery, whole, with the transport its own words', () => {
    const deliveries = sharedHubDeliveries();
    expect(deliveriesFor({ role: ViewerRole.OPERATOR }, { importCountry: 'JP' }, deliveries)).toEqual(deliveries);
  });
});
