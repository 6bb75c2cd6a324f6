/** The problem codes of a receiver (DESIGN.md section 6) that signing the envelope again can answer. */
export enum ReceiverProblemCode {
  /** The envelope is older than the receiver's replay window, and the receiver does not hold its id. */
  OUTSIDE_REPLAY_WINDOW = 'ENVELOPE_OUTSIDE_REPLAY_WINDOW',
  /** The receiver holds this envelope id with other content. */
  ENVELOPE_ID_REUSED = 'ENVELOPE_ID_REUSED',
}

/**
 * An envelope refused as too old although it was signed less than this before it was sent: the
 * refusal is about clocks or a very short window, which signing it again cannot fix. (A hub's own
 * replay window is at least a minute, HUB_REPLAY_WINDOW_MS.)
 */
export const FRESH_ENVELOPE_MS = 60_000;

/**
 * The same envelope signed again: same envelopeId, type, parties and payload, this createdAt. The
 * createdAt values it was sent with before that a receiver may hold (its answer lost) are kept in
 * `earlierCreatedAt`, oldest first, so a 409 for a re-signed repeat can be answered.
 */
export interface EnvelopeRefresh {
  createdAt: string;
  earlierCreatedAt: string[];
  /** What was done, for the attempt's record. */
  note: string;
}

export type RefreshAnswer = { ok: true; refresh: EnvelopeRefresh } | { ok: false; reason: string };

/**
 * A receiver refused the envelope as outside its replay window. It answers a repeat of an envelope
 * it holds with the first acknowledgement whatever its age, so this refusal says it holds no
 * version of this id: the envelope is signed again with a fresh createdAt (nothing earlier needs
 * keeping). Unless it was already fresh when sent: then the clocks disagree and it is final.
 */
export function afterReplayRefusal(input: { createdAt: string; sentAt: Date; now: Date }): RefreshAnswer {
  const ageMs = input.sentAt.getTime() - Date.parse(input.createdAt);
  if (ageMs < FRESH_ENVELOPE_MS) {
    return {
      ok: false,
      reason: `refused as too old although signed ${Math.max(0, Math.round(ageMs / 1000))} s before it was sent: the two hubs' clocks or the receiver's replay window disagree, and signing it again cannot help`,
    };
  }
  return { ok: true, refresh: { createdAt: input.now.toISOString(), earlierCreatedAt: [], note: 'signed again with a fresh createdAt' } };
}

/**
 * A receiver holds this envelope id with other content. When this hub signed the envelope again
 * with a later createdAt (an operator redelivery of an old one), the receiver may hold an earlier
 * signing whose answer was lost: that one, the latest first, is sent again and answered with the
 * first acknowledgement. With none left, the id really was used for something else: final.
 */
export function afterIdReused(input: { earlierCreatedAt: string[] }): RefreshAnswer {
  const earlier = input.earlierCreatedAt;
  if (earlier.length === 0) return { ok: false, reason: 'the receiver holds this envelope id with other content' };
  const createdAt = earlier[earlier.length - 1];
  return { ok: true, refresh: { createdAt, earlierCreatedAt: earlier.slice(0, -1), note: `sent again as signed with createdAt ${createdAt}, which the receiver may hold` } };
}

export interface RedeliveryRefreshInput {
  createdAt: string;
  /** The keyId of the envelope's node signature; undefined while it is unsigned (an UNROUTABLE one). */
  keyId?: string;
  earlierCreatedAt: string[];
  now: Date;
  /** Envelopes older than this are given a fresh createdAt (HUB_ENVELOPE_RESIGN_AFTER_MS). */
  resignAfterMs: number;
  /** The keyId of the node key that signs now. */
  currentKeyId: string;
}

/**
 * Before an operator sends a delivery again: an envelope older than the configured age gets a
 * fresh createdAt (a receiver would refuse it as outside its replay window), keeping the old one in
 * case the receiver holds it; one signed with a key the node no longer signs with is signed again
 * with the current key, createdAt unchanged, so a receiver holding it still sees the same envelope.
 * Otherwise the envelope goes as it is (undefined).
 */
export function refreshForRedelivery(input: RedeliveryRefreshInput): EnvelopeRefresh | undefined {
  const ageMs = input.now.getTime() - Date.parse(input.createdAt);
  if (ageMs > input.resignAfterMs) {
    return {
      createdAt: input.now.toISOString(),
      earlierCreatedAt: [...input.earlierCreatedAt, input.createdAt],
      note: `created ${Math.round(ageMs / 1000)} s ago, beyond ${Math.round(input.resignAfterMs / 1000)} s: signed again with a fresh createdAt`,
    };
  }
  if (input.keyId !== undefined && input.keyId !== input.currentKeyId) {
    return { createdAt: input.createdAt, earlierCreatedAt: input.earlierCreatedAt, note: 'signed with a node key no longer in use: signed again with the current one' };
  }
  return undefined;
}
