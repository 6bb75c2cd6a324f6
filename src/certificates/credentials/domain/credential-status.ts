import { CertificateStatus } from '../../domain/certificate-status';

/**
 * The status a certificate's credential publishes, per Bitstring Status List v1.0: the issuer's own
 * state only (the importing side's acceptance or rejection is theirs, not the issuer's), and EXPIRED
 * is the credential's validUntil, not a status.
 */
export enum StatusPurpose {
  /** 1 bit: set once the certificate is CANCELLED (a revocation is final). */
  REVOCATION = 'revocation',
  /** 2 bits: ISSUED, REPLACED or CANCELLED, with the messages in each entry (statusMessage). */
  MESSAGE = 'message',
}

export const STATUS_PURPOSES: readonly StatusPurpose[] = [StatusPurpose.REVOCATION, StatusPurpose.MESSAGE];

export const STATUS_SIZE: Readonly<Record<StatusPurpose, number>> = {
  [StatusPurpose.REVOCATION]: 1,
  [StatusPurpose.MESSAGE]: 2,
};

/** The values of the message list. A 2-bit entry has four values; the spec asks a message for each. */
export enum MessageStatus {
  ISSUED = 0,
  REPLACED = 1,
  CANCELLED = 2,
  /** Never set: a replaced certificate cannot be cancelled, nor a cancelled one replaced. */
  UNUSED = 3,
}

export const STATUS_MESSAGES: ReadonlyArray<{ status: string; message: string }> = [
  { status: '0x0', message: 'ISSUED' },
  { status: '0x1', message: 'REPLACED' },
  { status: '0x2', message: 'CANCELLED' },
  { status: '0x3', message: 'UNUSED' },
];

/** The value a list holds for a certificate in this issuer status. */
export function statusValue(purpose: StatusPurpose, status: CertificateStatus): number {
  if (purpose === StatusPurpose.REVOCATION) return status === CertificateStatus.CANCELLED ? 1 : 0;
  if (status === CertificateStatus.REPLACED) return MessageStatus.REPLACED;
  if (status === CertificateStatus.CANCELLED) return MessageStatus.CANCELLED;
  return MessageStatus.ISSUED;
}

/** The message a value of the message list stands for ('0x1' in statusMessage is REPLACED). */
export function messageOf(value: number): string | undefined {
  return STATUS_MESSAGES.find((entry) => Number.parseInt(entry.status, 16) === value)?.message;
}

export function statusPurposeOf(value: string): StatusPurpose | undefined {
  return (STATUS_PURPOSES as readonly string[]).includes(value) ? (value as StatusPurpose) : undefined;
}
