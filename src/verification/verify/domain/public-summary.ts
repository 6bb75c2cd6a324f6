/**
 * What anyone may learn from a verification (RCEP Article 3.17 lets the importing Party's public check
 * a certificate's authenticity): the verdict with this summary, and nothing about the parties.
 */
export interface PublicSummary {
  certificateNumber: string;
  copyNumber: number;
  issuingAuthority: string;
  issueDateTime: string | null;
  exportCountry: string;
  importCountry: string;
  hsCodes: string[];
  status: string;
}

export interface SummaryFacts {
  certificateNumber: string;
  copyNumber: number;
  issuingAuthorityCode: string;
  issueDateTime: Date | null;
  expiresAt: Date | null;
  exportCountry: string;
  importCountry: string;
  status: string;
  document: Record<string, unknown>;
}

export function publicSummary(facts: SummaryFacts, now: Date): PublicSummary {
  const items = Array.isArray(facts.document.items) ? (facts.document.items as unknown[]) : [];
  const hsCodes = items.flatMap((item) => {
    const code = item && typeof item === 'object' ? (item as { hsCode?: unknown }).hsCode : undefined;
    return typeof code === 'string' ? [code] : [];
  });
  // An issued certificate past its validity is expired already, before the hourly job marks it.
  const expired = facts.status === 'ISSUED' && facts.expiresAt !== null && facts.expiresAt.getTime() <= now.getTime();
  return {
    certificateNumber: facts.certificateNumber,
    copyNumber: facts.copyNumber,
    issuingAuthority: facts.issuingAuthorityCode,
    issueDateTime: facts.issueDateTime?.toISOString() ?? null,
    exportCountry: facts.exportCountry,
    importCountry: facts.importCountry,
    hsCodes: [...new Set(hsCodes)],
    status: expired ? 'EXPIRED' : facts.status,
  };
}
