import { parseAcknowledgement } from './acknowledgement';
import { Classification, classifyTransportResult } from './retry-policy';

/** What a pulling partner said about one envelope it took: an acknowledgement, or a refusal with a problem code. */
export interface PulledAnswer {
  acknowledgement?: unknown;
  refusal?: { code: string; status?: number; detail?: string };
}

export type PulledAnswerReading = { ok: true; classification: Classification } | { ok: false; reason: string };

// A refusal without a status is what a push refused with a 422 would be: final.
const DEFAULT_REFUSAL_STATUS = 422;

/**
 * Reads an answer to a pulled envelope as the answer to a push would be read (domain/retry-policy.ts),
 * so the delivery moves by the same rules: an acknowledgement settles it by its status; a refusal
 * with a final 4xx fails it with its code; a retryable one (408, 429, 5xx) and the refusals that
 * signing again can answer leave it PENDING for the next pull.
 */
export function readPulledAnswer(answer: PulledAnswer, envelopeId: string, now: Date): PulledAnswerReading {
  if (answer.refusal) {
    const { code, status, detail } = answer.refusal;
    return { ok: true, classification: classifyTransportResult({ kind: 'RESPONSE', status: status ?? DEFAULT_REFUSAL_STATUS, body: { code, detail } }, envelopeId, now) };
  }
  const parsed = parseAcknowledgement(answer.acknowledgement, envelopeId);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  return { ok: true, classification: { kind: 'ACKNOWLEDGED', acknowledgement: parsed.acknowledgement, httpStatus: 200 } };
}
