import { AuditEntryEntity } from '../../audit/entities/audit-entry.entity';
import { ApiKeyEntity } from '../../authorities/entities/api-key.entity';
import { AuthorityEntity } from '../../authorities/entities/authority.entity';
import { TraderEntity } from '../../authorities/entities/trader.entity';
import { CertificateEventEntity } from '../../certificates/entities/certificate-event.entity';
import { CertificateEntity } from '../../certificates/entities/certificate.entity';
import { AgreementProfileEntity } from '../../dataset/entities/agreement-profile.entity';
import { IdempotencyKeyEntity } from '../http/idempotency-key.entity';

// Listed explicitly (not globbed) so the same list serves the swc-compiled tests, the built app and
// the TypeORM CLI.
export const ENTITIES = [
  AuthorityEntity,
  TraderEntity,
  ApiKeyEntity,
  AuditEntryEntity,
  IdempotencyKeyEntity,
  AgreementProfileEntity,
  CertificateEntity,
  CertificateEventEntity,
];
