// The version of the common e-CoO dataset (DESIGN.md section 4) this code validates; a certificate
// records it next to the profile and HS versions it was checked against.
// 1.1 adds rules only (CO-ITEM-010); the document's fields are those of 1, so partners see no change.
export const DATASET_VERSION = '1.1';

/** The first rules version: what every hub judges by, so what a received document is held to. */
export const FIRST_RULES_VERSION = '1';

/** Dotted versions compared part by part as numbers ("1" < "1.1" < "1.10"); a missing part is 0. */
export function compareRulesVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
