import { AuditCheckpointSignerEntity } from './audit/entities/audit-checkpoint-signer.entity';
import { AuditCheckpointEntity } from './audit/entities/audit-checkpoint.entity';
import { AuditEntryEntity } from './audit/entities/audit-entry.entity';
import { ApiKeyEntity } from './authorities/entities/api-key.entity';
import { AuthorityEntity } from './authorities/entities/authority.entity';
import { TraderEntity } from './authorities/entities/trader.entity';
import { OperatorSessionEntity } from './authorities/operator-sessions/operator-session.entity';
import { OperatorSignInAttemptEntity } from './authorities/operator-sessions/operator-sign-in-attempt.entity';
import { CertificateUseEntity } from './certificates/entities/certificate-use.entity';
import { CertificateRenditionEntity } from './certificates/entities/certificate-rendition.entity';
import { CertificateEventEntity } from './certificates/entities/certificate-event.entity';
import { CertificateEntity } from './certificates/entities/certificate.entity';
import { AgreementProfileEntity } from './dataset/entities/agreement-profile.entity';
import { DeliveryAttemptEntity } from './exchange/entities/delivery-attempt.entity';
import { DeliveryEntity } from './exchange/entities/delivery.entity';
import { InboundEnvelopeEntity } from './exchange/entities/inbound-envelope.entity';
import { PartnerCircuitEntity } from './exchange/entities/partner-circuit.entity';
import { PartnerEntity } from './exchange/entities/partner.entity';
import { PartnerNodeCertificateEntity } from './exchange/entities/partner-node-certificate.entity';
import { QuarantinedEnvelopeEntity } from './exchange/entities/quarantined-envelope.entity';
import { CrlEntity } from './pki/entities/crl.entity';
import { SigningKeyEntity } from './pki/entities/signing-key.entity';
import { TrustAnchorEntity } from './pki/entities/trust-anchor.entity';
import { VerificationAttachmentEntity } from './authority-exchange/entities/verification-attachment.entity';
import { VerificationCaseEntity } from './authority-exchange/entities/verification-case.entity';
import { CustomsResponseEntity } from './authority-exchange/entities/customs-response.entity';
import { ImportDeclarationEntity } from './matching/entities/import-declaration.entity';
import { IdempotencyKeyEntity } from './core/http/idempotency-key.entity';
import { ApplicationCommentEntity } from './applications/entities/application-comment.entity';
import { ApplicationDocumentEntity } from './applications/entities/application-document.entity';
import { ApplicationEventEntity } from './applications/entities/application-event.entity';
import { ApplicationSettingsEntity } from './applications/entities/application-settings.entity';
import { ApplicationEntity } from './applications/entities/application.entity';
import { VerificationRecordEntity } from './verification/entities/verification-record.entity';
import { PublicRateLimitEntity } from './core/http/rate-limit/public-rate-limit.entity';

// Listed explicitly (not globbed) so the same list serves the swc-compiled tests, the built app and
// the TypeORM CLI.
export const ENTITIES = [
  AuthorityEntity,
  TraderEntity,
  ApiKeyEntity,
  OperatorSessionEntity,
  OperatorSignInAttemptEntity,
  AuditEntryEntity,
  IdempotencyKeyEntity,
  AgreementProfileEntity,
  CertificateEntity,
  CertificateEventEntity,
  CertificateUseEntity,
  CertificateRenditionEntity,
  PartnerEntity,
  PartnerCircuitEntity,
  PartnerNodeCertificateEntity,
  DeliveryEntity,
  DeliveryAttemptEntity,
  InboundEnvelopeEntity,
  QuarantinedEnvelopeEntity,
  SigningKeyEntity,
  TrustAnchorEntity,
  CrlEntity,
  VerificationRecordEntity,
  PublicRateLimitEntity,
  CustomsResponseEntity,
  VerificationCaseEntity,
  VerificationAttachmentEntity,
  ImportDeclarationEntity,
  AuditCheckpointSignerEntity,
  AuditCheckpointEntity,
  ApplicationEntity,
  ApplicationEventEntity,
  ApplicationCommentEntity,
  ApplicationDocumentEntity,
  ApplicationSettingsEntity,
];
