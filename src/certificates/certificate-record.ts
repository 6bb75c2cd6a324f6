import type { CertificateEntity } from './entities/certificate.entity';

/**
 * A certificate as the modules beside this one read it (verification, the authority exchange): the
 * fields they may rely on, read-only. The entity and its table are this module's own
 * (ARCHITECTURE.md, "each module owns its tables"); this list is what others may depend on, and the
 * compiler holds it to the entity.
 */
export type CertificateRecord = Readonly<
  Pick<
    CertificateEntity,
    | 'id'
    | 'issuingAuthorityId'
    | 'issuingAuthorityCode'
    | 'certificateNumber'
    | 'copyNumber'
    | 'documentFunction'
    | 'status'
    | 'importStatus'
    | 'exportCountry'
    | 'importCountry'
    | 'agreement'
    | 'document'
    | 'issueDateTime'
    | 'expiresAt'
    | 'datasetVersion'
    | 'profileVersion'
    | 'canonicalDocument'
    | 'documentHash'
    | 'signatureCms'
    | 'signatureCheckMac'
    | 'verificationToken'
    | 'replacedById'
    | 'origin'
    | 'receivedFrom'
    | 'issuedThrough'
    | 'exporterSignatureCms'
  >
>;
