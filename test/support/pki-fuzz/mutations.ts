import fc from 'fast-check';
import { DerNode, encodeLength, encodeTree, listNodes, readTree, replaceNode, splitNode, tlv } from './der-tree';

// Hostile variants of real structures, as fast-check arbitraries. Each case names its seed and the
// mutations applied, so a failure prints what was done, and fast-check shrinks it to the fewest.

export type NodeMutation =
  | { kind: 'lengthPastEnd'; node: number; extra: number }
  | { kind: 'lengthShort'; node: number; less: number }
  | { kind: 'wrongTag'; node: number; tag: number }
  | { kind: 'hugeInteger'; node: number; size: number; fill: number }
  | { kind: 'indefiniteLength'; node: number; endOfContents: boolean }
  | { kind: 'longFormLength'; node: number; octets: number }
  | { kind: 'zeroLength'; node: number }
  | { kind: 'deepNesting'; node: number; depth: number; indefinite: boolean }
  | { kind: 'sequenceBomb'; node: number; count: number }
  | { kind: 'duplicate'; node: number }
  | { kind: 'remove'; node: number }
  | { kind: 'randomContent'; node: number; bytes: Uint8Array };

export type ByteMutation = { kind: 'truncate'; at: number } | { kind: 'setByte'; at: number; value: number };

export type Mutation = NodeMutation | ByteMutation;

export interface MutatedCase {
  seed: string;
  mutations: Mutation[];
  bytes: Buffer;
}

// Tags a reader meets where it expects another: end-of-contents, high-tag form, constructed forms of
// primitive types, the context tags the structures use, and every universal type they read.
const INTERESTING_TAGS = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0a, 0x0c, 0x13, 0x17, 0x18, 0x1e, 0x1f, 0x22, 0x23, 0x24, 0x26, 0x30, 0x31, 0x80, 0xa0, 0xa1, 0xa3, 0xbf, 0xff];
const INTEGER_SIZES = [5, 9, 65, 513, 1025, 8192, 8193, 70000];
const NESTING_DEPTHS = [31, 32, 33, 65, 257, 1000, 5000];
const BOMB_SIZES = [100, 1000, 10000, 50000];

const nodeIndex = fc.nat({ max: 1_000_000 });

export const nodeMutation: fc.Arbitrary<NodeMutation> = fc.oneof(
  fc.record({ kind: fc.constant('lengthPastEnd' as const), node: nodeIndex, extra: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constantFrom(127, 128, 65536, 2 ** 31, 2 ** 32 - 1)) }),
  fc.record({ kind: fc.constant('lengthShort' as const), node: nodeIndex, less: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('wrongTag' as const), node: nodeIndex, tag: fc.oneof(fc.constantFrom(...INTERESTING_TAGS), fc.integer({ min: 0, max: 255 })) }),
  fc.record({ kind: fc.constant('hugeInteger' as const), node: nodeIndex, size: fc.constantFrom(...INTEGER_SIZES), fill: fc.constantFrom(0x00, 0x7f, 0xff, 0x80) }),
  fc.record({ kind: fc.constant('indefiniteLength' as const), node: nodeIndex, endOfContents: fc.boolean() }),
  fc.record({ kind: fc.constant('longFormLength' as const), node: nodeIndex, octets: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constantFrom(126, 127)) }),
  fc.record({ kind: fc.constant('zeroLength' as const), node: nodeIndex }),
  fc.record({ kind: fc.constant('deepNesting' as const), node: nodeIndex, depth: fc.constantFrom(...NESTING_DEPTHS), indefinite: fc.boolean() }),
  fc.record({ kind: fc.constant('sequenceBomb' as const), node: nodeIndex, count: fc.constantFrom(...BOMB_SIZES) }),
  fc.record({ kind: fc.constant('duplicate' as const), node: nodeIndex }),
  fc.record({ kind: fc.constant('remove' as const), node: nodeIndex }),
  fc.record({ kind: fc.constant('randomContent' as const), node: nodeIndex, bytes: fc.uint8Array({ maxLength: 64 }) }),
);

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('setByte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
);

function pick(nodes: DerNode[], index: number, wanted?: (node: DerNode) => boolean): DerNode {
  const preferred = wanted ? nodes.filter(wanted) : nodes;
  const from = preferred.length > 0 ? preferred : nodes;
  return from[index % from.length];
}

const raw = (bytes: Buffer): DerNode => ({ kind: 'raw', bytes });

function rewrite(node: DerNode, mutation: NodeMutation): DerNode {
  const { tag, content } = splitNode(node);
  switch (mutation.kind) {
    case 'lengthPastEnd':
      return raw(Buffer.concat([Buffer.from([tag]), encodeLength(Math.min(content.length + mutation.extra, 2 ** 32 - 1)), content]));
    case 'lengthShort':
      return raw(Buffer.concat([Buffer.from([tag]), encodeLength(Math.max(0, content.length - mutation.less)), content]));
    case 'wrongTag':
      return raw(Buffer.concat([Buffer.from([mutation.tag]), encodeTree(node).subarray(1)]));
    case 'hugeInteger': {
      const value = Buffer.alloc(mutation.size, mutation.fill);
      value[value.length - 1] = 0x01;
      return raw(tlv(0x02, value));
    }
    case 'indefiniteLength':
      return raw(Buffer.concat([Buffer.from([tag | 0x20, 0x80]), content, Buffer.alloc(mutation.endOfContents ? 2 : 0)]));
    case 'longFormLength': {
      const length = Buffer.alloc(mutation.octets);
      for (let i = 0, rest = content.length; i < mutation.octets && rest > 0; i++, rest = Math.floor(rest / 256)) length[mutation.octets - 1 - i] = rest & 0xff;
      return raw(Buffer.concat([Buffer.from([tag, 0x80 | mutation.octets]), length, content]));
    }
    case 'zeroLength':
      return raw(Buffer.from([tag, 0x00]));
    case 'deepNesting': {
      const inside = encodeTree(node);
      if (mutation.indefinite) {
        return raw(Buffer.concat([Buffer.alloc(mutation.depth * 2, Buffer.from([0x30, 0x80])), inside, Buffer.alloc(mutation.depth * 2)]));
      }
      let nested = inside;
      for (let level = 0; level < mutation.depth; level++) nested = tlv(0x30, nested);
      return raw(nested);
    }
    case 'sequenceBomb':
      return raw(tlv(0x30, Buffer.alloc(mutation.count * 2, Buffer.from([0x30, 0x00]))));
    case 'duplicate':
      return raw(Buffer.concat([encodeTree(node), encodeTree(node)]));
    case 'remove':
      return raw(Buffer.alloc(0));
    case 'randomContent':
      return raw(tlv(tag, Buffer.from(mutation.bytes)));
  }
}

const isInteger = (node: DerNode): boolean => node.kind === 'primitive' && node.tag === 0x02;
const isConstructed = (node: DerNode): boolean => node.kind === 'constructed';

/** Applies the mutations in order; node indexes wrap around the nodes there are. */
export function mutate(seed: Buffer, mutations: Mutation[]): Buffer {
  let tree = readTree(seed);
  let bytes: Buffer | undefined;
  for (const mutation of mutations) {
    if (mutation.kind === 'truncate' || mutation.kind === 'setByte') {
      bytes = Buffer.from(bytes ?? encodeTree(tree));
      if (bytes.length === 0) continue;
      if (mutation.kind === 'truncate') bytes = bytes.subarray(0, mutation.at % bytes.length);
      else bytes[mutation.at % bytes.length] = mutation.value;
      continue;
    }
    if (bytes) tree = raw(bytes); // once bytes are mangled, later node mutations see one raw node
    bytes = undefined;
    const wanted = mutation.kind === 'hugeInteger' ? isInteger : mutation.kind === 'indefiniteLength' ? isConstructed : undefined;
    const target = pick(listNodes(tree), mutation.node, wanted);
    tree = replaceNode(tree, target, (node) => rewrite(node, mutation));
  }
  return bytes ?? encodeTree(tree);
}

/** A named seed with one to three mutations, mostly structural, sometimes on the bytes. */
export function mutatedCase(seeds: Record<string, Buffer>): fc.Arbitrary<MutatedCase> {
  const names = Object.keys(seeds);
  const mutation: fc.Arbitrary<Mutation> = fc.oneof({ arbitrary: nodeMutation, weight: 4 }, { arbitrary: byteMutation, weight: 1 });
  return fc
    .record({ seed: fc.constantFrom(...names), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) })
    .map(({ seed, mutations }) => ({ seed, mutations, bytes: mutate(seeds[seed], mutations) }));
}

/** Bytes with no seed: uniform noise, and noise behind a plausible SEQUENCE header. */
export const randomDer: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
  fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => Buffer.concat([Buffer.from([0x30, 0x82, bytes.length >> 8, bytes.length & 0xff]), bytes])),
  fc.array(fc.tuple(fc.constantFrom(...INTERESTING_TAGS), fc.uint8Array({ maxLength: 8 })), { maxLength: 40 }).map((parts) =>
    tlv(0x30, Buffer.concat(parts.map(([tag, content]) => tlv(tag, Buffer.from(content))))),
  ),
);

/** PEM text around a body that may be broken: what an operator pastes, or an attacker sends. */
export function mutatedPem(der: fc.Arbitrary<Buffer>, labels: string[]): fc.Arbitrary<string> {
  const base64Lines = (bytes: Buffer): string => (bytes.toString('base64').match(/.{1,64}/g) ?? []).join('\n');
  const wrap = (label: string, body: string, endLabel = label): string => `-----BEGIN ${label}-----\n${body}\n-----END ${endLabel}-----\n`;
  const label = fc.oneof(fc.constantFrom(...labels), fc.constantFrom('', 'X'.repeat(65), 'CERTIFICATE REQUEST', 'PKCS7', 'CMS'));
  return fc.oneof(
    fc.tuple(label, der).map(([name, bytes]) => wrap(name, base64Lines(bytes))),
    fc.tuple(label, label, der).map(([name, end, bytes]) => wrap(name, base64Lines(bytes), end)),
    fc.tuple(label, der, fc.string({ maxLength: 20 })).map(([name, bytes, junk]) => wrap(name, base64Lines(bytes) + junk)),
    fc.tuple(label, der, fc.nat()).map(([name, bytes, cut]) => {
      const text = wrap(name, base64Lines(bytes));
      return text.slice(0, cut % text.length);
    }),
    fc.tuple(label, fc.integer({ min: 2, max: 200 })).map(([name, times]) => `-----BEGIN ${name}-----\n`.repeat(times)),
    fc.tuple(label, der).map(([name, bytes]) => `-----BEGIN ${name}-----\n` + wrap(name, base64Lines(bytes))),
    fc.string({ maxLength: 200 }),
  );
}
