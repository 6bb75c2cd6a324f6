/**
 * How envelopes reach a partner (a capability of its registration, DESIGN.md section 6): PUSH, the
 * hub POSTs them to the partner's endpoint; PULL, they wait in the hub until the partner takes them
 * with POST /v1/exchange/pull and acknowledges them (a partner that cannot expose an endpoint).
 */
export enum DeliveryMode {
  PUSH = 'PUSH',
  PULL = 'PULL',
}
