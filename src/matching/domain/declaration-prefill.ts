import { normalizeHsCode } from '../../dataset/hs/hs-code';

/** What a prefill is built from: a certificate the caller may use, and its ledger balances. */
export interface PrefillSource {
  certificateNumber: string;
  issuingAuthority: string;
  ucr: string | null;
  agreement: string | null;
  preferential: boolean;
  document: Record<string, unknown>;
  balances: { itemNumber: number; unit: string | null; issued: string | null; remaining: string | null }[];
}

interface DocumentItem {
  itemNumber: number;
  description?: string;
  hsCode: string;
  originCountry: string;
  originCriterion?: string;
  quantity?: { value: string; unit: string };
  grossWeight?: { value: string; unit: string };
  fobValue?: { amount: string; currency: string };
}

export interface PrefilledLine {
  lineNumber: number;
  certificateItemNumber: number;
  hsCode: string;
  description?: string;
  originCountry: string;
  quantity?: { value: string; unit: string };
  preferenceClaimed: boolean;
}

export interface PrefilledItem {
  itemNumber: number;
  originCriterion: string | null;
  fobValue: { amount: string; currency: string } | null;
  grossWeight: { value: string; unit: string } | null;
  /** What is left to claim after earlier uses, in the unit the ledger keeps. */
  remaining: { value: string; unit: string } | null;
}

export interface Prefill {
  /** The fields of POST /v1/import-declarations the certificate answers; the declarant adds number and date. */
  declaration: {
    ucr?: string;
    certificateNumber: string;
    issuingAuthority: string;
    agreement?: string;
    consignee?: unknown;
    lines: PrefilledLine[];
  };
  /** The exporter, who is the supplier on the import side. */
  supplier: unknown;
  exportCountry: string | null;
  items: PrefilledItem[];
}

/**
 * "Your export is my entry": the import declaration fields a certificate already answers. One line per
 * item, paired with it, with the certified quantity (quantity, else gross weight) and preference claimed
 * when the certificate grants it; FOB values and what remains to claim come beside, not as the customs
 * value, which the importer declares on its own basis.
 */
export function buildPrefill(source: PrefillSource): Prefill {
  const items = Array.isArray(source.document.items) ? (source.document.items as DocumentItem[]) : [];
  const preferential = source.preferential && source.agreement !== null;
  return {
    declaration: {
      ...(source.ucr ? { ucr: source.ucr } : {}),
      certificateNumber: source.certificateNumber,
      issuingAuthority: source.issuingAuthority,
      ...(preferential ? { agreement: source.agreement as string } : {}),
      ...(source.document.consignee ? { consignee: source.document.consignee } : {}),
      lines: items.map((item) => {
        const measure = item.quantity ?? item.grossWeight;
        return {
          lineNumber: item.itemNumber,
          certificateItemNumber: item.itemNumber,
          // A received document keeps the issuer's `NNNN.NN`; the declaration takes six digits.
          hsCode: normalizeHsCode(item.hsCode),
          ...(item.description ? { description: item.description } : {}),
          originCountry: item.originCountry,
          ...(measure ? { quantity: { value: measure.value, unit: measure.unit } } : {}),
          preferenceClaimed: preferential,
        };
      }),
    },
    supplier: source.document.exporter ?? null,
    exportCountry: typeof source.document.exportCountry === 'string' ? source.document.exportCountry : null,
    items: items.map((item) => {
      const balance = source.balances.find((b) => b.itemNumber === item.itemNumber);
      return {
        itemNumber: item.itemNumber,
        originCriterion: item.originCriterion ?? null,
        fobValue: item.fobValue ?? null,
        grossWeight: item.grossWeight ?? null,
        remaining: balance && balance.unit !== null && balance.remaining !== null ? { value: balance.remaining, unit: balance.unit } : null,
      };
    }),
  };
}
