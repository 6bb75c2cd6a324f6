import { unitName } from '../../dataset/code-lists/units';
import { StateFacts, declarationInstant, stateProblemsAt } from './certificate-state-at';
import { Ratio, ZERO, add, ceilToDecimal, compare, convertExactly, formatRatio, multiply, percentRatio, ratioOf, subtract } from './exact-quantity';
import { LineMatchStatus, MatchStatus, MismatchCode } from './match-status';

export interface DeclaredLine {
  lineNumber: number;
  /** Digits only: the HS subheading (six) or a national tariff line (eight to ten) starting with it. */
  hsCode: string;
  originCountry: string;
  quantity: { value: string; unit: string };
  preferenceClaimed: boolean;
  /** The certificate item the declarant names; otherwise the line is paired by HS code. */
  certificateItemNumber?: number;
}

export interface DeclarationFacts {
  /** YYYY-MM-DD */
  declarationDate: string;
  ucr: string | null;
  certificateNumber: string | null;
  consigneeId: string;
  /** The agreement preference is claimed under; null when none is claimed. */
  agreement: string | null;
  lines: DeclaredLine[];
}

export interface CertificateItemFacts {
  itemNumber: number;
  hsCode: string;
  originCountry: string;
  /** The measure the ledger keeps the item's use in (quantity, else gross weight); null when none. */
  measure: { value: string; unit: string } | null;
  /** What remains of the measure after earlier uses. */
  remaining: string | null;
}

export interface CandidateFacts extends StateFacts {
  id: string;
  certificateNumber: string;
  issuingAuthority: string;
  copyNumber: number;
  ucr: string | null;
  consigneeId: string | null;
  agreement: string | null;
  preferential: boolean;
  items: CertificateItemFacts[];
  /** The quantity tolerance, in percent, of the profile version the certificate recorded. */
  tolerancePercent: number;
}

export interface Mismatch {
  field: string;
  code: MismatchCode;
  message: string;
}

export interface LineMatch {
  lineNumber: number;
  certificateItemNumber: number | null;
  status: LineMatchStatus;
  issues: Mismatch[];
}

/** A use the ledger records for a matched declaration, in the certificate item's unit. */
export interface ClaimedUse {
  itemNumber: number;
  quantity: string;
  unit: string;
}

export interface MatchResult {
  status: MatchStatus;
  certificate: { id: string; certificateNumber: string; issuingAuthority: string; copyNumber: number } | null;
  fields: Mismatch[];
  lines: LineMatch[];
  /** What a MATCHED declaration claims in the certificate's ledger; empty otherwise. */
  uses: ClaimedUse[];
}

interface Pairing {
  line: DeclaredLine;
  item: CertificateItemFacts | null;
  explicit: boolean;
  issues: Mismatch[];
  /** The declared quantity in the item's unit, when the units compare. */
  converted: Ratio | null;
}

const hs6 = (code: string) => code.slice(0, 6);
const describeUnit = (code: string) => `${code} (${unitName(code) ?? 'unknown unit'})`;

/**
 * Pairs each line with a certificate item: the item it names, else an item with the same HS
 * subheading (and origin), preferring items no other line took. National tariff lines often split
 * one HS subheading, so two lines may share an item; their quantities add up.
 */
function pair(lines: DeclaredLine[], items: CertificateItemFacts[]): Pairing[] {
  const taken = new Set<number>();
  const pairings = new Map<number, Pairing>();
  for (const line of lines.filter((l) => l.certificateItemNumber !== undefined)) {
    const item = items.find((i) => i.itemNumber === line.certificateItemNumber) ?? null;
    if (item) taken.add(item.itemNumber);
    pairings.set(line.lineNumber, { line, item, explicit: true, issues: [], converted: null });
  }
  for (const line of lines.filter((l) => l.certificateItemNumber === undefined)) {
    const sameCode = items.filter((i) => i.hsCode === hs6(line.hsCode));
    const preferred = [
      ...sameCode.filter((i) => !taken.has(i.itemNumber) && i.originCountry === line.originCountry),
      ...sameCode.filter((i) => !taken.has(i.itemNumber)),
      ...sameCode.filter((i) => i.originCountry === line.originCountry),
      ...sameCode,
    ];
    const item = preferred[0] ?? null;
    if (item) taken.add(item.itemNumber);
    pairings.set(line.lineNumber, { line, item, explicit: false, issues: [], converted: null });
  }
  return lines.map((l) => pairings.get(l.lineNumber) as Pairing);
}

function checkLine(p: Pairing, certificate: CandidateFacts): void {
  const { line, item } = p;
  if (!item) {
    const message = p.explicit ? `the certificate has no item ${line.certificateItemNumber}` : `no item of the certificate has HS subheading ${hs6(line.hsCode)}`;
    p.issues.push({ field: 'certificateItemNumber', code: MismatchCode.NO_CERTIFICATE_ITEM, message });
    return;
  }
  if (hs6(line.hsCode) !== item.hsCode) {
    p.issues.push({ field: 'hsCode', code: MismatchCode.HS_CODE_DIFFERS, message: `declared HS ${hs6(line.hsCode)}, item ${item.itemNumber} is HS ${item.hsCode}` });
  }
  if (line.originCountry !== item.originCountry) {
    p.issues.push({ field: 'originCountry', code: MismatchCode.ORIGIN_DIFFERS, message: `declared origin ${line.originCountry}, item ${item.itemNumber} is of ${item.originCountry} origin` });
  }
  if (line.preferenceClaimed && !certificate.preferential) {
    p.issues.push({ field: 'preferenceClaimed', code: MismatchCode.NO_PREFERENCE, message: 'preference is claimed, but the certificate is non-preferential' });
  }
  if (!item.measure) {
    p.issues.push({ field: 'quantity', code: MismatchCode.NO_CERTIFIED_QUANTITY, message: `item ${item.itemNumber} states no quantity or weight` });
    return;
  }
  p.converted = convertExactly(line.quantity.value, line.quantity.unit, item.measure.unit);
  if (!p.converted) {
    p.issues.push({
      field: 'quantity.unit',
      code: MismatchCode.UNITS_NOT_COMPARABLE,
      message: `declared in ${describeUnit(line.quantity.unit)}, item ${item.itemNumber} is stated in ${describeUnit(item.measure.unit)}: the two cannot be converted`,
    });
  }
}

/**
 * The quantities of the lines on one item against what it certifies: beyond the agreement's
 * tolerance of the certified quantity, or beyond the same tolerance of what remains after earlier
 * uses (so a fully used item takes nothing more). The tolerance absorbs weighing differences of one
 * consignment; it is not a reserve to claim on top of every use. Over-claiming is a classic origin fraud.
 */
function checkQuantities(pairings: Pairing[], certificate: CandidateFacts): void {
  const tolerance = percentRatio(certificate.tolerancePercent);
  const items = new Map<number, Pairing[]>();
  for (const p of pairings) if (p.item && p.converted) items.set(p.item.itemNumber, [...(items.get(p.item.itemNumber) ?? []), p]);
  for (const [itemNumber, lines] of items) {
    const item = lines[0].item as CertificateItemFacts;
    const measure = item.measure as { value: string; unit: string };
    const issued = ratioOf(measure.value) ?? ZERO;
    const remaining = ratioOf(item.remaining ?? measure.value) ?? ZERO;
    const asked = lines.reduce((sum, p) => add(sum, p.converted as Ratio), ZERO);
    const allowance = add(issued, multiply(issued, tolerance));
    const remainingAllowance = add(remaining, multiply(remaining, tolerance));
    const declared = `${formatRatio(asked)} ${measure.unit} declared`;
    let issue: Mismatch | null = null;
    if (compare(asked, allowance) > 0) {
      issue = {
        field: 'quantity',
        code: MismatchCode.QUANTITY_BEYOND_TOLERANCE,
        message: `item ${itemNumber}: ${declared}, ${measure.value} ${measure.unit} certified (tolerance ${certificate.tolerancePercent}%)`,
      };
    } else if (compare(asked, remainingAllowance) > 0) {
      issue = {
        field: 'quantity',
        code: MismatchCode.QUANTITY_EXCEEDS_REMAINING,
        message: `item ${itemNumber}: ${declared}, quantity exceeds remaining: ${formatRatio(remaining)} ${measure.unit} remains of ${measure.value} ${measure.unit}`,
      };
    }
    if (issue) for (const p of lines) p.issues.push(issue);
  }
}

/** The ledger uses of a matched declaration: each line's quantity rounded up to six places, never more than remains. */
function usesOf(pairings: Pairing[]): ClaimedUse[] {
  const left = new Map<number, Ratio>();
  const uses: ClaimedUse[] = [];
  for (const p of pairings) {
    const item = p.item as CertificateItemFacts;
    const measure = item.measure as { value: string; unit: string };
    const remaining = left.get(item.itemNumber) ?? ratioOf(item.remaining ?? measure.value) ?? ZERO;
    const wanted = ratioOf(ceilToDecimal(p.converted as Ratio)) as Ratio;
    const quantity = compare(wanted, remaining) > 0 ? remaining : wanted;
    left.set(item.itemNumber, subtract(remaining, quantity));
    if (compare(quantity, ZERO) > 0) uses.push({ itemNumber: item.itemNumber, quantity: ceilToDecimal(quantity), unit: measure.unit });
  }
  return uses;
}

/** A declaration against one certificate: each field and each line, and what a match would claim. */
export function matchAgainst(declaration: DeclarationFacts, certificate: CandidateFacts): MatchResult {
  const fields: Mismatch[] = stateProblemsAt(certificate, declarationInstant(declaration.declarationDate));
  if (certificate.consigneeId !== declaration.consigneeId) {
    fields.push({ field: 'consignee.id', code: MismatchCode.CONSIGNEE_DIFFERS, message: `declared consignee ${declaration.consigneeId}, the certificate names ${certificate.consigneeId ?? 'none'}` });
  }
  if (declaration.agreement !== null && declaration.agreement !== certificate.agreement) {
    const issuedUnder = certificate.preferential && certificate.agreement ? `issued under ${certificate.agreement}` : 'non-preferential';
    fields.push({ field: 'agreement', code: MismatchCode.AGREEMENT_DIFFERS, message: `preference claimed under ${declaration.agreement}, the certificate is ${issuedUnder}` });
  }
  if (declaration.ucr !== null && declaration.ucr !== certificate.ucr) {
    fields.push({ field: 'ucr', code: MismatchCode.UCR_DIFFERS, message: `declared UCR ${declaration.ucr}, the certificate bears ${certificate.ucr ?? 'none'}` });
  }
  const pairings = pair(declaration.lines, certificate.items);
  for (const p of pairings) checkLine(p, certificate);
  checkQuantities(pairings, certificate);
  const lines: LineMatch[] = pairings.map((p) => ({
    lineNumber: p.line.lineNumber,
    certificateItemNumber: p.item?.itemNumber ?? null,
    status: !p.item ? LineMatchStatus.UNMATCHED : p.issues.length > 0 ? LineMatchStatus.PARTIAL : LineMatchStatus.MATCHED,
    issues: p.issues,
  }));
  const matched = fields.length === 0 && lines.every((l) => l.status === LineMatchStatus.MATCHED);
  return {
    status: matched ? MatchStatus.MATCHED : MatchStatus.PARTIAL,
    certificate: { id: certificate.id, certificateNumber: certificate.certificateNumber, issuingAuthority: certificate.issuingAuthority, copyNumber: certificate.copyNumber },
    fields,
    lines,
    uses: matched ? usesOf(pairings) : [],
  };
}

function issueCount(result: MatchResult): number {
  return result.fields.length + result.lines.reduce((n, l) => n + l.issues.length + (l.status === LineMatchStatus.UNMATCHED ? 1 : 0), 0);
}

/**
 * The declaration against every certificate that answers its UCR or number, keeping the best: a
 * match before a partial one, then the fewest differences, the latest issued, the original before its
 * certified true copies (a copy replaces the paper, not the quantity). None: UNMATCHED.
 */
export function matchDeclaration(declaration: DeclarationFacts, candidates: CandidateFacts[]): MatchResult {
  if (candidates.length === 0) {
    const key = declaration.certificateNumber !== null ? { field: 'certificateNumber', value: declaration.certificateNumber } : { field: 'ucr', value: declaration.ucr };
    return {
      status: MatchStatus.UNMATCHED,
      certificate: null,
      fields: [{ field: key.field, code: MismatchCode.NO_CERTIFICATE, message: `no certificate received by this customs answers ${key.field} ${key.value}` }],
      lines: declaration.lines.map((l) => ({ lineNumber: l.lineNumber, certificateItemNumber: null, status: LineMatchStatus.UNMATCHED, issues: [] })),
      uses: [],
    };
  }
  const ranked = candidates
    .map((candidate) => ({ candidate, result: matchAgainst(declaration, candidate) }))
    .sort(
      (a, b) =>
        Number(a.result.status !== MatchStatus.MATCHED) - Number(b.result.status !== MatchStatus.MATCHED) ||
        issueCount(a.result) - issueCount(b.result) ||
        a.candidate.copyNumber - b.candidate.copyNumber ||
        (b.candidate.issueDateTime?.getTime() ?? 0) - (a.candidate.issueDateTime?.getTime() ?? 0),
    );
  return ranked[0].result;
}
