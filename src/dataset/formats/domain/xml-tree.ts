/** An element to serialise: a qualified name, attributes, and text or child elements in schema order. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text?: string;
}

type Child = XmlElement | undefined | false | null | Child[];

/** An element with children; absent children (undefined, false, null) are left out, arrays flattened. */
export function el(name: string, attributes: Record<string, string | undefined>, ...children: Child[]): XmlElement {
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) attrs[key] = value;
  const flat: XmlElement[] = [];
  const add = (child: Child): void => {
    if (Array.isArray(child)) child.forEach(add);
    else if (child) flat.push(child);
  };
  children.forEach(add);
  return { name, attributes: attrs, children: flat };
}

/** An element holding text, or undefined when the value is absent (so optional fields drop out). */
export function text(name: string, value: string | number | undefined, attributes: Record<string, string | undefined> = {}): XmlElement | undefined {
  if (value === undefined) return undefined;
  return { ...el(name, attributes), text: String(value) };
}

// XML 1.0 section 2.11 and 3.3.3: a parser turns CR into LF, and tab, LF and CR in an attribute into
// spaces, unless they are written as character references; so they are, and the text comes back as sent.
// NEL (U+0085) and LINE SEPARATOR (U+2028) too: XML 1.1 section 2.11 makes them line ends, and parsers
// that apply it (the hub's own, xmldom, does) would read them back as LF.
const REFERENCES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;', '\n': '&#10;', '\t': '&#9;', '\u0085': '&#133;', '\u2028': '&#8232;' };

function escapeText(value: string): string {
  return value.replace(/[&<>\r\u0085\u2028]/g, (c) => REFERENCES[c]);
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"\r\n\t\u0085\u2028]/g, (c) => REFERENCES[c]);
}

/** The characters XML 1.0 can carry (section 2.2); a document with others cannot be written as XML. */
export const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

/** Serialises without insignificant whitespace, so the signed bytes are what a reader parses. */
export function serialize(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const write = (node: XmlElement): void => {
    out.push('<', node.name);
    for (const [key, value] of Object.entries(node.attributes)) out.push(' ', key, '="', escapeAttribute(value), '"');
    if (node.text === undefined && node.children.length === 0) {
      out.push('/>');
      return;
    }
    out.push('>');
    if (node.text !== undefined) out.push(escapeText(node.text));
    node.children.forEach(write);
    out.push('</', node.name, '>');
  };
  write(root);
  return out.join('');
}
