import type { CertificateDocumentDto } from './dto/certificate-document.dto';

/**
 * A certificate document as the rules see it: the validated body, plus what the hub sets when it
 * issues (absent while the certificate is a draft; present on a document received from a partner).
 */
export type CertificateDocument = CertificateDocumentDto & {
  issuingAuthority?: string;
  issueDateTime?: string;
};
