import { DeliveryAction, deliveryTransition, isSettled } from './delivery-lifecycle';
import { AcknowledgementStatus, DeliveryStatus } from './delivery-status';

const budget = { attempts: 1, maxAttempts: 3 };

describe('delivery lifecycle', () => {
  it.each([
    [AcknowledgementStatus.DELIVERED, DeliveryStatus.DELIVERED],
    [AcknowledgementStatus.DELIVERED_WITH_WARNINGS, DeliveryStatus.DELIVERED_WITH_WARNINGS],
    [AcknowledgementStatus.DELIVERED_NOT_READABLE, DeliveryStatus.DELIVERED_NOT_READABLE],
  ])('moves PENDING to the state an acknowledgement %s names', (acknowledgement, to) => {
    expect(deliveryTransition(DeliveryStatus.PENDING, DeliveryAction.ACKNOWLEDGE, { ...budget, acknowledgement })).toEqual({ ok: true, to });
  });

  it('refuses an acknowledgement without a status', () => {
    expect(deliveryTransition(DeliveryStatus.PENDING, DeliveryAction.ACKNOWLEDGE, budget)).toMatchObject({ ok: false });
  });

  it('fails a delivery the recipient refused for good, whatever budget is left', () => {
    expect(deliveryTransition(DeliveryStatus.PENDING, DeliveryAction.REFUSE, budget)).toEqual({ ok: true, to: DeliveryStatus.FAILED });
  });

  it('keeps a delivery PENDING for a retry within the budget, and only then', () => {
    expect(deliveryTransition(DeliveryStatus.PENDING, DeliveryAction.RETRY, { attempts: 2, maxAttempts: 3 })).toEqual({ ok: true, to: DeliveryStatus.PENDING });
    expect(deliveryTransition(DeliveryStatus.PENDING, DeliveryAction.RETRY, { attempts: 3, maxAttempts: 3 })).toEqual({
      ok: false,
      reason: 'the retry budget of 3 attempts is spent',
    });
  });

  it('gives up once the budget is spent, not before', () => {
    expect(deliveryTransition(DeliveryStatus.PENDING, DeliveryAction.GIVE_UP, { attempts: 3, maxAttempts: 3 })).toEqual({ ok: true, to: DeliveryStatus.FAILED });
    expect(deliveryTransition(DeliveryStatus.PENDING, DeliveryAction.GIVE_UP, { attempts: 1, maxAttempts: 3 })).toMatchObject({ ok: false });
  });

  it('lets the operator redeliver a FAILED delivery, and an UNROUTABLE one once a route exists', () => {
    expect(deliveryTransition(DeliveryStatus.FAILED, DeliveryAction.REDELIVER, budget)).toEqual({ ok: true, to: DeliveryStatus.PENDING });
    expect(deliveryTransition(DeliveryStatus.UNROUTABLE, DeliveryAction.REDELIVER, { ...budget, routeFound: true })).toEqual({ ok: true, to: DeliveryStatus.PENDING });
    expect(deliveryTransition(DeliveryStatus.UNROUTABLE, DeliveryAction.REDELIVER, { ...budget, routeFound: false })).toEqual({
      ok: false,
      reason: 'no partner and no local authority serves the destination yet',
    });
  });

  it.each([DeliveryStatus.PENDING, DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED_WITH_WARNINGS, DeliveryStatus.DELIVERED_NOT_READABLE])(
    'refuses to redeliver a %s delivery',
    (from) => {
      expect(deliveryTransition(from, DeliveryAction.REDELIVER, budget)).toEqual({ ok: false, reason: `cannot redeliver a delivery that is ${from}` });
    },
  );

  it('treats acknowledged deliveries as settled for good', () => {
    expect([DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED_WITH_WARNINGS, DeliveryStatus.DELIVERED_NOT_READABLE].every(isSettled)).toBe(true);
    expect([DeliveryStatus.PENDING, DeliveryStatus.FAILED, DeliveryStatus.UNROUTABLE].some(isSettled)).toBe(false);
  });
});
