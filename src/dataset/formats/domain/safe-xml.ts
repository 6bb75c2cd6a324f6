import { DOMParser } from '@xmldom/xmldom';

/** Limits on an XML document received from outside (DESIGN.md section 8: every input is hostile). */
export interface XmlLimits {
  maxBytes: number;
  maxDepth: number;
  maxElements: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 1024 * 1024, maxDepth: 32, maxElements: 20_000 };

export type SafeXmlResult = { ok: true; document: Document } | { ok: false; problems: string[] };

const ELEMENT_NODE = 1;

/**
 * Parses XML received from outside, namespace-aware, refusing what XML lets an attacker do to its
 * reader: a DOCTYPE (and with it every entity, internal or external, so neither XXE nor entity
 * expansion such as billion laughs can happen), more bytes, depth or elements than the limits, bytes
 * that are not UTF-8, and anything the parser itself reports, even as a warning.
 */
export function parseHostileXml(input: Buffer | string, limits: XmlLimits = DEFAULT_XML_LIMITS): SafeXmlResult {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  if (bytes.length > limits.maxBytes) return { ok: false, problems: [`the document has ${bytes.length} bytes, more than the ${limits.maxBytes} allowed`] };
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, problems: ['the document is not UTF-8'] };
  }
  const declared = /^<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(source)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) return { ok: false, problems: [`the document declares the encoding ${declared}; only UTF-8 is read`] };
  // Refused before parsing, wherever it appears: a DOCTYPE is where entities and external subsets are declared.
  if (/<!DOCTYPE/i.test(source) || /<!ENTITY/i.test(source)) return { ok: false, problems: ['the document has a DOCTYPE or an entity declaration, which the hub never reads (no DTD, no entities)'] };
  const problems: string[] = [];
  const report = (level: string) => (message: string) => problems.push(`${level}: ${String(message).split('\n')[0]}`);
  const parser = new DOMParser({ errorHandler: { warning: report('warning'), error: report('error'), fatalError: report('fatal error') }, locator: {} });
  let document: Document;
  try {
    document = parser.parseFromString(source, 'application/xml');
  } catch (error) {
    return { ok: false, problems: [`not well-formed XML: ${(error as Error).message.split('\n')[0]}`] };
  }
  if (problems.length > 0) return { ok: false, problems };
  const root = document.documentElement;
  if (!root) return { ok: false, problems: ['the document has no root element'] };
  let elements = 0;
  const stack: Array<{ node: Element; depth: number }> = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: Element; depth: number };
    if (depth > limits.maxDepth) return { ok: false, problems: [`the document nests elements deeper than ${limits.maxDepth}`] };
    if (++elements > limits.maxElements) return { ok: false, problems: [`the document has more than ${limits.maxElements} elements`] };
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === ELEMENT_NODE) stack.push({ node: child as Element, depth: depth + 1 });
    }
  }
  return { ok: true, document };
}
