import { Foundation1795767938248 } from './1795767938248-Foundation';
import { Signing1795771385900 } from './1795771385900-Signing';
import { Exchange1795773865930 } from './1795773865930-Exchange';
import { Receipt1795777485885 } from './1795777485885-Receipt';
import { Verification1795910000000 } from './1795910000000-Verification';
import { DeliveryEarlierCreatedAt1795920000000 } from './1795920000000-DeliveryEarlierCreatedAt';
import { Cases1795930000000 } from './1795930000000-Cases';
import { Matching1795940000000 } from './1795940000000-Matching';
import { PartnerTrustBoundary1796458000000 } from './1796458000000-PartnerTrustBoundary';
import { OperatorSessions1796463275913 } from './1796463275913-OperatorSessions';
import { AuditSequencer1796470000000 } from './1796470000000-AuditSequencer';
import { AnonymousEnvelopesPurged1796480000000 } from './1796480000000-AnonymousEnvelopesPurged';
import { ReferenceChangeNotices1796490000000 } from './1796490000000-ReferenceChangeNotices';
import { ReferenceChangeNoticesOnRowsOnly1796490000001 } from './1796490000001-ReferenceChangeNoticesOnRowsOnly';
import { PartnerDeliverySettings1796500000000 } from './1796500000000-PartnerDeliverySettings';
import { CertificateRenditions1796510000000 } from './1796510000000-CertificateRenditions';
import { PartnerRenditions1796510000001 } from './1796510000001-PartnerRenditions';
import { Applications1796520000000 } from './1796520000000-Applications';
import { Webhooks1796530000000 } from './1796530000000-Webhooks';
import { WebhookDeliveryOutcomes1796530000001 } from './1796530000001-WebhookDeliveryOutcomes';
import { PullMode1796540000000 } from './1796540000000-PullMode';
import { SignedReceipts1796545000000 } from './1796545000000-SignedReceipts';
import { CredentialStatusLists1796550000000 } from './1796550000000-CredentialStatusLists';
import { SigningKeysInTokens1796560000000 } from './1796560000000-SigningKeysInTokens';
import { MasterKeyIds1796565000000 } from './1796565000000-MasterKeyIds';
import { IdempotencyClaim1796570000000 } from './1796570000000-IdempotencyClaim';
import { WebhookSecretMasterKeyIds1796580000000 } from './1796580000000-WebhookSecretMasterKeyIds';
import { SigningKeysInForce1796590000000 } from './1796590000000-SigningKeysInForce';
import { CertificateAtVersion1796600000000 } from './1796600000000-CertificateAtVersion';
import { DocumentsCompressedWithLz41796610000000 } from './1796610000000-DocumentsCompressedWithLz4';
import { SignatureCheckMacs1796620000000 } from './1796620000000-SignatureCheckMacs';
import { RoomForHeapOnlyUpdates1796630000000 } from './1796630000000-RoomForHeapOnlyUpdates';

// Every migration, in order. Merged migrations are never rewritten: add a new one.
export const MIGRATIONS = [
  Foundation1795767938248,
  Signing1795771385900,
  Exchange1795773865930,
  Receipt1795777485885,
  Verification1795910000000,
  DeliveryEarlierCreatedAt1795920000000,
  Cases1795930000000,
  Matching1795940000000,
  PartnerTrustBoundary1796458000000,
  OperatorSessions1796463275913,
  AuditSequencer1796470000000,
  AnonymousEnvelopesPurged1796480000000,
  ReferenceChangeNotices1796490000000,
  ReferenceChangeNoticesOnRowsOnly1796490000001,
  PartnerDeliverySettings1796500000000,
  CertificateRenditions1796510000000,
  PartnerRenditions1796510000001,
  Applications1796520000000,
  Webhooks1796530000000,
  WebhookDeliveryOutcomes1796530000001,
  PullMode1796540000000,
  SignedReceipts1796545000000,
  CredentialStatusLists1796550000000,
  SigningKeysInTokens1796560000000,
  MasterKeyIds1796565000000,
  IdempotencyClaim1796570000000,
  WebhookSecretMasterKeyIds1796580000000,
  SigningKeysInForce1796590000000,
  CertificateAtVersion1796600000000,
  DocumentsCompressedWithLz41796610000000,
  SignatureCheckMacs1796620000000,
  RoomForHeapOnlyUpdates1796630000000,
];
