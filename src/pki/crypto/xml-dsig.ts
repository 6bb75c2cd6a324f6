import { createHash, verify, X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { ExclusiveCanonicalization } from 'xml-crypto';

// W3C XML Signature Syntax and Processing 1.1 (enveloped signature, section 6.6.4), Exclusive XML
// Canonicalization 1.0, RSA-SHA256 and SHA-256 as RFC 6931 names them.
export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';

/** What signs: the raw RSA-SHA256 signature of the bytes, by whatever holds the key (the key store's seam). */
export type RawSigner = (bytes: Buffer) => Promise<{ signature: Buffer; certificateDer: Buffer; chainDer: Buffer[] }>;

function canonical(element: Element): string {
  return new ExclusiveCanonicalization().process(element, {});
}

function parseTrusted(xml: string): Document {
  // Only for XML the hub wrote itself; XML from outside goes through the hostile parser.
  return new DOMParser().parseFromString(xml, 'application/xml');
}

/**
 * Signs an XML document the hub wrote with an enveloped XML-DSig over the whole document (Reference
 * URI "", enveloped-signature then exclusive c14n, SHA-256, RSA-SHA256), the signer certificate and
 * chain in KeyInfo, and puts it just before `insertBefore` (which must occur once). Verifiable with
 * `xmlsec1 --verify`.
 */
export async function signEnvelopedXml(unsignedXml: string, insertBefore: string, sign: RawSigner): Promise<string> {
  const at = unsignedXml.indexOf(insertBefore);
  if (at < 0 || unsignedXml.indexOf(insertBefore, at + 1) >= 0) throw new RangeError('the place for the signature must occur exactly once');
  const digest = createHash('sha256').update(canonical(parseTrusted(unsignedXml).documentElement), 'utf8').digest('base64');
  const signedInfo =
    `<ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${EXC_C14N}"/><ds:SignatureMethod Algorithm="${RSA_SHA256}"/>` +
    `<ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="${ENVELOPED}"/><ds:Transform Algorithm="${EXC_C14N}"/></ds:Transforms>` +
    `<ds:DigestMethod Algorithm="${SHA256}"/><ds:DigestValue>${digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>`;
  const standalone = parseTrusted(`<ds:Signature xmlns:ds="${XMLDSIG_NS}">${signedInfo}</ds:Signature>`);
  const signedInfoBytes = Buffer.from(canonical(standalone.documentElement.firstChild as Element), 'utf8');
  const { signature, certificateDer, chainDer } = await sign(signedInfoBytes);
  const certificates = [certificateDer, ...chainDer.filter((der) => !der.equals(certificateDer))]
    .map((der) => `<ds:X509Certificate>${der.toString('base64')}</ds:X509Certificate>`)
    .join('');
  const element =
    `<ds:Signature xmlns:ds="${XMLDSIG_NS}">${signedInfo}<ds:SignatureValue>${signature.toString('base64')}</ds:SignatureValue>` +
    `<ds:KeyInfo><ds:X509Data>${certificates}</ds:X509Data></ds:KeyInfo></ds:Signature>`;
  return unsignedXml.slice(0, at) + element + unsignedXml.slice(at);
}

export type XmlSignatureCheck =
  | { ok: true; certificateDer: Buffer; chainDer: Buffer[] }
  | { ok: false; problems: string[] };

function only(parent: Element, localName: string): Element | undefined {
  const found: Element[] = [];
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1 && (child as Element).namespaceURI === XMLDSIG_NS && (child as Element).localName === localName) found.push(child as Element);
  }
  return found.length === 1 ? found[0] : undefined;
}

function elementChildren(parent: Element): Element[] {
  const out: Element[] = [];
  for (let child = parent.firstChild; child; child = child.nextSibling) if (child.nodeType === 1) out.push(child as Element);
  return out;
}

/**
 * Checks the one enveloped XML-DSig of an already parsed (hostile-parsed) document, on that same
 * tree: exactly one ds:Signature in the whole document, where the caller expects it (`isExpectedPlace`),
 * exactly one Reference, to the whole document (URI ""), with exactly the enveloped-signature and
 * exclusive c14n transforms; so what the signature covers is everything the reader reads, and a
 * wrapped or second signature cannot bring in unsigned content. It checks the digest and the RSA
 * signature with the first KeyInfo certificate; whether that certificate is trusted is the caller's
 * question (its chain to the issuer's trust anchors).
 */
export function verifyEnvelopedXml(document: Document, isExpectedPlace: (signature: Element) => boolean): XmlSignatureCheck {
  const signatures = Array.from(document.getElementsByTagNameNS(XMLDSIG_NS, 'Signature'));
  if (signatures.length !== 1) return { ok: false, problems: [`the document has ${signatures.length} XML signatures; exactly one is read`] };
  const signature = signatures[0];
  if (!isExpectedPlace(signature)) return { ok: false, problems: ['the XML signature is not in the UBL signature extension of the document'] };
  const signedInfo = only(signature, 'SignedInfo');
  const signatureValue = only(signature, 'SignatureValue');
  if (!signedInfo || !signatureValue) return { ok: false, problems: ['the signature needs one SignedInfo and one SignatureValue'] };
  const problems: string[] = [];
  const algorithm = (name: string, parent: Element = signedInfo) => only(parent, name)?.getAttribute('Algorithm');
  if (algorithm('CanonicalizationMethod') !== EXC_C14N) problems.push(`CanonicalizationMethod must be ${EXC_C14N}`);
  if (algorithm('SignatureMethod') !== RSA_SHA256) problems.push(`SignatureMethod must be ${RSA_SHA256}`);
  const references = elementChildren(signedInfo).filter((child) => child.localName === 'Reference');
  const reference = references[0];
  if (references.length !== 1) problems.push(`the signature must have exactly one Reference, not ${references.length}`);
  else {
    if (reference.getAttribute('URI') !== '' || !reference.hasAttribute('URI')) problems.push('the Reference must cover the whole document (URI "")');
    const transforms = only(reference, 'Transforms');
    const names = transforms ? elementChildren(transforms).map((transform) => transform.getAttribute('Algorithm')) : [];
    if (names.length !== 2 || names[0] !== ENVELOPED || names[1] !== EXC_C14N) problems.push('the Reference transforms must be exactly enveloped-signature then exclusive c14n');
    if (algorithm('DigestMethod', reference) !== SHA256) problems.push(`DigestMethod must be ${SHA256}`);
  }
  const certificates = Array.from(signature.getElementsByTagNameNS(XMLDSIG_NS, 'X509Certificate')).map((node) => Buffer.from((node.textContent ?? '').replace(/\s+/g, ''), 'base64'));
  if (certificates.length === 0) problems.push('KeyInfo carries no X509Certificate');
  if (problems.length > 0) return { ok: false, problems };

  // The enveloped-signature transform: the document without this signature, canonicalised from a copy of the same tree.
  const copy = document.documentElement.cloneNode(true) as Element;
  const copied = Array.from(copy.getElementsByTagNameNS(XMLDSIG_NS, 'Signature'));
  copied[0].parentNode?.removeChild(copied[0]);
  const digest = createHash('sha256').update(canonical(copy), 'utf8').digest('base64');
  const stated = (only(reference, 'DigestValue')?.textContent ?? '').replace(/\s+/g, '');
  if (digest !== stated) return { ok: false, problems: ['the document is not what was signed (digest mismatch)'] };
  let valid: boolean;
  try {
    const key = new X509Certificate(certificates[0]).publicKey;
    valid = verify('sha256', Buffer.from(canonical(signedInfo), 'utf8'), key, Buffer.from((signatureValue.textContent ?? '').replace(/\s+/g, ''), 'base64'));
  } catch {
    return { ok: false, problems: ['the KeyInfo certificate cannot be read'] };
  }
  if (!valid) return { ok: false, problems: ['the signature value does not verify with the KeyInfo certificate'] };
  return { ok: true, certificateDer: certificates[0], chainDer: certificates.slice(1) };
}
