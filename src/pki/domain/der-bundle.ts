import { readTlvHeader } from '../crypto/der';

// A certificate chain is stored as its DER certificates one after another: each is a complete TLV,
// so the bundle splits without a separator.

export function joinDer(items: Buffer[]): Buffer {
  return Buffer.concat(items);
}

export function splitDer(bundle: Buffer | null | undefined): Buffer[] {
  const items: Buffer[] = [];
  if (!bundle) return items;
  let offset = 0;
  while (offset < bundle.length) {
    const header = readTlvHeader(bundle, offset);
    const end = offset + header.headerLength + header.length;
    items.push(Buffer.from(bundle.subarray(offset, end)));
    offset = end;
  }
  return items;
}
