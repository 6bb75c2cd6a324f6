import { effectKind } from '../core/unit-of-work/effects';
import type { CertificateEventType, CertificateStatus, ImportStatus } from './domain/certificate-status';

/** One entry of a certificate's history (certificate_events). */
export interface CertificateEvent {
  certificateId: string;
  type: CertificateEventType;
  /** The certificate's status, or its importStatus for the importing customs' events. */
  from: CertificateStatus | ImportStatus | null;
  to: CertificateStatus | ImportStatus | null;
  actor: string;
  at: Date;
  data?: Record<string, unknown>;
}

/** A certificate event of a state change, written with it; flushed first (its certificate row is already written). */
export const CERTIFICATE_EVENT = effectKind<CertificateEvent>('certificate-event', 100);
