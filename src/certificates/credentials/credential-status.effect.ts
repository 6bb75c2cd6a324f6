import { effectKind } from '../../core/unit-of-work/effects';
import type { CertificateStatus } from '../domain/certificate-status';

/** A certificate's issuer status changed: the status lists that hold it are set and signed again before commit. */
export interface CredentialStatusChange {
  certificateId: string;
  status: CertificateStatus;
}

// After the certificate rows and events (100), before the outbox and the audit entries.
export const CREDENTIAL_STATUS_CHANGE = effectKind<CredentialStatusChange>('credential-status-change', 150);
