import { createHash } from 'node:crypto';
import { tlv } from './der-tree';
import { mutate } from './mutations';

// The worst of what the fuzzer throws at the readers, as named inputs an end-to-end test can post to
// the real endpoints. Sized to fit the smallest field they go into (64 KiB of PEM text).

function pseudoRandomBytes(length: number, seed: string): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 32 < length; i++) blocks.push(createHash('sha256').update(`${seed}:${i}`).digest());
  return Buffer.concat(blocks).subarray(0, length);
}

/**
 * Hostile variants of one real DER structure, by what they do. Readers that take BER (CMS, PKCS#12)
 * rightly read the variant with indefinite lengths: `ber` leaves it out for them.
 */
export function nastyDer(seed: Buffer, options: { ber?: boolean } = {}): [string, Buffer][] {
  const variants: [string, Buffer][] = [
    ['nested 10,000 SEQUENCEs deep with indefinite lengths', Buffer.concat([Buffer.alloc(20_000, Buffer.from([0x30, 0x80])), seed, Buffer.alloc(20_000)])],
    ['a bomb of 20,000 empty SEQUENCEs', tlv(0x30, Buffer.alloc(40_000, Buffer.from([0x30, 0x00])))],
    ['an INTEGER of 9,000 bytes in place of the second INTEGER', mutate(seed, [{ kind: 'hugeInteger', node: 1, size: 9000, fill: 0x7f }])],
    ['an element claiming 2^31 bytes more than there are', mutate(seed, [{ kind: 'lengthPastEnd', node: 2, extra: 2 ** 31 }])],
    ['a length written in 127 octets', mutate(seed, [{ kind: 'longFormLength', node: 2, octets: 127 }])],
    ['indefinite lengths in DER', mutate(seed, [{ kind: 'indefiniteLength', node: 0, endOfContents: true }])],
    ['a wrong tag (constructed OCTET STRING) at the top', mutate(seed, [{ kind: 'wrongTag', node: 0, tag: 0x24 }])],
    ['truncated in the middle', seed.subarray(0, seed.length >> 1)],
    ['zero-length', Buffer.from([0x30, 0x00])],
    ['random bytes', pseudoRandomBytes(2048, 'nasty')],
  ];
  return options.ber ? variants.filter(([what]) => what !== 'indefinite lengths in DER') : variants;
}

/** PEM text (under 1 MiB as JSON) that a scan searching each BEGIN for its END took about 12 s over. */
export const BEGIN_LINES_PEM = '-----BEGIN A-----\n'.repeat(50_000);
