/** Where a case or a customs response on this hub comes from. */
export enum RecordOrigin {
  /** Opened or answered through this hub (its requester or responder is served here). */
  LOCAL = 'LOCAL',
  /** Received in a partner hub's envelope. */
  RECEIVED = 'RECEIVED',
}
