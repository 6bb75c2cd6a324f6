import type { MessageType } from '../domain/message-type';

interface Reference {
  issuingAuthority: string;
  certificateNumber: string;
  copyNumber: number;
}

/** A received, shape-checked envelope (EnvelopeDto), as plain JSON. */
export interface ReceivedEnvelope {
  envelopeId: string;
  type: MessageType;
  from: string;
  to: string;
  createdAt: string;
  refersTo: { certificate: Reference; documentHash: string };
  payload: Record<string, unknown>;
  [field: string]: unknown;
}

/** "<issuing authority>|<number>|<copy number>": how inbound envelopes are found by what they are about. */
export function certificateRef(reference: unknown): string | null {
  const r = reference as Partial<Reference> | null | undefined;
  if (!r || typeof r.issuingAuthority !== 'string' || typeof r.certificateNumber !== 'string' || typeof r.copyNumber !== 'number') return null;
  return `${r.issuingAuthority}|${r.certificateNumber}|${r.copyNumber}`;
}
