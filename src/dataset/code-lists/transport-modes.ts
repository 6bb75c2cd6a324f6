// UN/CEFACT Recommendation No. 19, "Codes for Modes of Transport" (ECE/TRADE/C/CEFACT/2001/9, 2001):
// the one-digit mode codes. Second-digit subdivisions are for national use and are not accepted here.
export const TRANSPORT_MODES: ReadonlyMap<string, string> = new Map([
  ['0', 'Transport mode not specified'],
  ['1', 'Maritime transport'],
  ['2', 'Rail transport'],
  ['3', 'Road transport'],
  ['4', 'Air transport'],
  ['5', 'Mail'],
  ['6', 'Multimodal transport'],
  ['7', 'Fixed transport installation'],
  ['8', 'Inland water transport'],
  ['9', 'Transport mode not applicable'],
]);

export function isTransportModeCode(v: string): boolean {
  return TRANSPORT_MODES.has(v);
}
