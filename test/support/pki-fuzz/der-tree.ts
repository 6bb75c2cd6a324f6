// A throw-away DER tree for the fuzzer: seeds are read into nodes, one node is replaced by hostile
// bytes, and the whole is encoded again with its ancestors' lengths made to fit, so that a mutation
// deep inside (an extension value, a bag in a PKCS#12) reaches the reader that owns it instead of
// being refused by the outermost length check. Primitive OCTET STRING and BIT STRING contents that
// are themselves DER are opened too.

export type DerNode =
  | { kind: 'constructed'; tag: number; children: DerNode[] }
  | { kind: 'primitive'; tag: number; content: Buffer }
  // An OCTET STRING or BIT STRING whose contents are DER (after the unused-bits octet for BIT STRING).
  | { kind: 'wrapped'; tag: number; prefix: Buffer; inner: DerNode }
  // Bytes as they are, with no header recomputed: what a mutation leaves behind.
  | { kind: 'raw'; bytes: Buffer };

export function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

function readOne(der: Buffer, offset: number, end: number, depth: number): { node: DerNode; next: number } | undefined {
  if (offset + 2 > end || depth > 40) return undefined;
  const tag = der[offset];
  if ((tag & 0x1f) === 0x1f) return undefined;
  let length = der[offset + 1];
  let start = offset + 2;
  if (length === 0x80) return undefined;
  if (length > 0x80) {
    const count = length & 0x7f;
    if (count > 4 || start + count > end) return undefined;
    length = der.readUIntBE(start, count);
    start += count;
  }
  const stop = start + length;
  if (stop > end) return undefined;
  if (tag & 0x20) {
    const children: DerNode[] = [];
    for (let position = start; position < stop; ) {
      const child = readOne(der, position, stop, depth + 1);
      if (!child) return undefined;
      children.push(child.node);
      position = child.next;
    }
    return { node: { kind: 'constructed', tag, children }, next: stop };
  }
  const content = der.subarray(start, stop);
  if (tag === 0x04 || (tag === 0x03 && content[0] === 0)) {
    const prefix = content.subarray(0, tag === 0x03 ? 1 : 0);
    const inner = content.subarray(prefix.length);
    const parsed = inner.length >= 2 ? readOne(inner, 0, inner.length, depth + 1) : undefined;
    if (parsed && parsed.next === inner.length) return { node: { kind: 'wrapped', tag, prefix, inner: parsed.node }, next: stop };
  }
  return { node: { kind: 'primitive', tag, content }, next: stop };
}

/** The seed's tree; seeds are DER, so anything else is a mistake in the test. */
export function readTree(der: Buffer): DerNode {
  const read = readOne(der, 0, der.length, 0);
  if (!read || read.next !== der.length) throw new Error('a fuzz seed must be DER');
  return read.node;
}

export function encodeTree(node: DerNode): Buffer {
  switch (node.kind) {
    case 'raw':
      return node.bytes;
    case 'primitive':
      return tlv(node.tag, node.content);
    case 'wrapped':
      return tlv(node.tag, Buffer.concat([node.prefix, encodeTree(node.inner)]));
    case 'constructed':
      return tlv(node.tag, Buffer.concat(node.children.map(encodeTree)));
  }
}

/** Every node, parents before children: mutations pick one by index. */
export function listNodes(root: DerNode): DerNode[] {
  const nodes: DerNode[] = [];
  const visit = (node: DerNode): void => {
    nodes.push(node);
    if (node.kind === 'constructed') node.children.forEach(visit);
    if (node.kind === 'wrapped') visit(node.inner);
  };
  visit(root);
  return nodes;
}

/** A copy of the tree with `target` replaced by what `replace` makes of it. */
export function replaceNode(root: DerNode, target: DerNode, replace: (node: DerNode) => DerNode): DerNode {
  if (root === target) return replace(root);
  if (root.kind === 'constructed') return { ...root, children: root.children.map((child) => replaceNode(child, target, replace)) };
  if (root.kind === 'wrapped') return { ...root, inner: replaceNode(root.inner, target, replace) };
  return root;
}

/** The tag, length and content a node encodes to, for mutations that rewrite the header. */
export function splitNode(node: DerNode): { tag: number; content: Buffer } {
  const bytes = encodeTree(node);
  if (bytes.length < 2) return { tag: bytes[0] ?? 0x05, content: Buffer.alloc(0) };
  const first = bytes[1];
  const headerLength = first < 0x80 ? 2 : 2 + (first & 0x7f);
  return { tag: bytes[0], content: bytes.subarray(Math.min(headerLength, bytes.length)) };
}
