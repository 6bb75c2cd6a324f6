import type { CertificateEntity } from './entities/certificate.entity';

interface DocumentFacts {
  certificateNumber: string;
  documentFunction: string;
  preferential: boolean;
  agreement?: string;
  exportCountry: string;
  importCountry: string;
  exporter: { id: string };
  consignee?: { id?: string } | null;
  ucr?: string;
}

/** The columns the hub queries by, read from a validated document. */
export function certificateColumns(document: Record<string, unknown>): Partial<CertificateEntity> {
  const d = document as unknown as DocumentFacts;
  return {
    certificateNumber: d.certificateNumber,
    documentFunction: d.documentFunction,
    preferential: d.preferential,
    agreement: d.agreement ?? null,
    exportCountry: d.exportCountry,
    importCountry: d.importCountry,
    exporterId: d.exporter.id,
    consigneeId: d.consignee?.id ?? null,
    ucr: d.ucr ?? null,
    document,
  };
}
