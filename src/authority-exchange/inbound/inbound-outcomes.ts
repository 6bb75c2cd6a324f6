import type { Violation } from '../../core/errors/violation';
import { validateDtoShape } from '../../core/validation/validate-dto-shape';
import type { AcknowledgementWarning } from '../../exchange/domain/acknowledgement';
import { AcknowledgementStatus } from '../../exchange/domain/delivery-status';
import { type InboundOutcome, UnreadableCode } from '../../exchange/domain/inbound-acknowledgement';
import type { ReceivedEnvelope } from '../../exchange/inbound/received-envelope';

/** Why a verification answer is kept unread, apart from who may say what. */
export enum AnswerUnreadableCode {
  ATTACHMENT_MISMATCH = 'ATTACHMENT_MISMATCH',
  ATTACHMENT_ID_REUSED = 'ATTACHMENT_ID_REUSED',
}

export const delivered = (): InboundOutcome => ({ status: AcknowledgementStatus.DELIVERED, warnings: [] });

/** Stored and kept, with what needs a human: nothing the sender can fix by sending it again. */
export const withWarnings = (warnings: AcknowledgementWarning[]): InboundOutcome =>
  warnings.length === 0 ? delivered() : { status: AcknowledgementStatus.DELIVERED_WITH_WARNINGS, warnings };

export const notReadable = (code: string, message: string, warnings: AcknowledgementWarning[] = []): InboundOutcome => ({ status: AcknowledgementStatus.DELIVERED_NOT_READABLE, code, message, warnings });

/** The payload part a message type needs, shape-checked, or the outcome that says why it is not readable. */
export function payloadOf<T extends object>(cls: new () => T, envelope: ReceivedEnvelope, field: string): { value: T } | { outcome: InboundOutcome } {
  const shape = validateDtoShape(cls, envelope.payload[field], 'EXCHANGE');
  if (shape.value) return { value: shape.value };
  const warnings = shape.violations.slice(0, 100).map((v: Violation) => ({ ruleId: v.ruleId, path: `payload.${field}${v.path ? `.${v.path}` : ''}`, message: v.message }));
  return { outcome: notReadable(UnreadableCode.NOT_A_PAYLOAD, `payload.${field} is not a ${envelope.type} payload`, warnings) };
}

/** The certificate a message names: does refersTo name the one this hub holds under that identity, as the other side named it? */
export function sameCertificate(envelope: ReceivedEnvelope, named: { issuingAuthority: string; certificateNumber: string; copyNumber: number }): boolean {
  const ref = envelope.refersTo.certificate;
  return ref.issuingAuthority === named.issuingAuthority && ref.certificateNumber === named.certificateNumber && ref.copyNumber === named.copyNumber;
}
