import { formatDecimal, parseDecimal } from '../../dataset/decimal';

/** Where a recorded use comes from. */
export enum CertificateUseSource {
  /** The importing customs recorded a use (a CUSTOMS_RESPONSE of kind USE). */
  CUSTOMS_RESPONSE = 'CUSTOMS_RESPONSE',
  /** A matched import declaration claimed the certificate. */
  IMPORT_DECLARATION = 'IMPORT_DECLARATION',
}

/** An item of a certificate document as far as the ledger cares. */
export interface LedgerItem {
  itemNumber: number;
  quantity?: { value: string; unit: string };
  grossWeight?: { value: string; unit: string };
}

export interface LedgerUse {
  itemNumber: number;
  quantity: string;
  unit: string;
}

/** What an item states, what was used of it and what remains, as decimal strings in the stated unit. */
export interface ItemBalance {
  itemNumber: number;
  /** The unit the item states its quantity in (quantity first, else gross weight); null when it states neither. */
  unit: string | null;
  issued: string | null;
  used: string;
  remaining: string | null;
}

export interface UseProblem {
  path: string;
  message: string;
}

/** The quantity an item is used against: its quantity when it has one, else its gross weight. */
function stated(item: LedgerItem): { value: bigint; unit: string } | null {
  const measure = item.quantity ?? item.grossWeight;
  const value = measure ? parseDecimal(measure.value) : null;
  return measure && value !== null ? { value, unit: measure.unit } : null;
}

/** DESIGN.md section 5: use is a ledger; the remaining quantity per item is derived from it. */
export function itemBalances(items: LedgerItem[], uses: LedgerUse[]): ItemBalance[] {
  return items.map((item) => {
    const measure = stated(item);
    const used = uses.filter((u) => u.itemNumber === item.itemNumber).reduce((sum, u) => sum + (parseDecimal(u.quantity) ?? 0n), 0n);
    return {
      itemNumber: item.itemNumber,
      unit: measure?.unit ?? null,
      issued: measure ? formatDecimal(measure.value) : null,
      used: formatDecimal(used),
      remaining: measure ? formatDecimal(measure.value - used) : null,
    };
  });
}

/**
 * Every reason a use cannot be recorded: an unknown item, another unit than the item states, a
 * quantity that is not a positive decimal, or more than remains (over-claiming a certificate is a
 * classic origin fraud). Several lines on one item add up.
 */
export function useProblems(balances: ItemBalance[], request: LedgerUse[]): UseProblem[] {
  const problems: UseProblem[] = [];
  const asked = new Map<number, bigint>();
  request.forEach((line, i) => {
    const path = `items[${i}]`;
    const balance = balances.find((b) => b.itemNumber === line.itemNumber);
    const quantity = parseDecimal(line.quantity);
    if (!balance) return void problems.push({ path: `${path}.itemNumber`, message: `the certificate has no item ${line.itemNumber}` });
    if (quantity === null || quantity <= 0n) return void problems.push({ path: `${path}.quantity`, message: 'must be a positive decimal string with at most six decimals' });
    if (balance.unit === null) return void problems.push({ path: `${path}.itemNumber`, message: `item ${line.itemNumber} states no quantity or weight to use` });
    if (line.unit !== balance.unit) return void problems.push({ path: `${path}.unit`, message: `item ${line.itemNumber} is stated in ${balance.unit}, not ${line.unit}` });
    asked.set(line.itemNumber, (asked.get(line.itemNumber) ?? 0n) + quantity);
  });
  for (const [itemNumber, quantity] of asked) {
    const balance = balances.find((b) => b.itemNumber === itemNumber) as ItemBalance;
    const remaining = parseDecimal(balance.remaining as string) ?? 0n;
    if (quantity > remaining) {
      problems.push({ path: 'items', message: `item ${itemNumber}: ${formatDecimal(quantity)} ${balance.unit} asked, ${balance.remaining} ${balance.unit} remains` });
    }
  }
  return problems;
}
