/** A delivery's state, one per recipient and message (DESIGN.md section 5). */
export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  DELIVERED_WITH_WARNINGS = 'DELIVERED_WITH_WARNINGS',
  DELIVERED_NOT_READABLE = 'DELIVERED_NOT_READABLE',
  FAILED = 'FAILED',
  UNROUTABLE = 'UNROUTABLE',
}

/** What a receiver answers with a 200 (DESIGN.md section 6). */
export enum AcknowledgementStatus {
  DELIVERED = 'DELIVERED',
  DELIVERED_WITH_WARNINGS = 'DELIVERED_WITH_WARNINGS',
  DELIVERED_NOT_READABLE = 'DELIVERED_NOT_READABLE',
}

/** How a delivery travels: to a partner hub over HTTP, to a recipient served by this hub, or nowhere yet. */
export enum DeliveryRoute {
  PARTNER = 'PARTNER',
  LOCAL = 'LOCAL',
  NONE = 'NONE',
}

/** What became of one attempt. IN_FLIGHT stays when the worker died mid-call; it still counts. */
export enum AttemptOutcome {
  IN_FLIGHT = 'IN_FLIGHT',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RETRY = 'RETRY',
  REFUSED = 'REFUSED',
}
