import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign } from 'node:crypto';
import { datasetToUbl } from '../../dataset/formats/domain/ubl-certificate';
import { parseHostileXml } from '../../dataset/formats/domain/safe-xml';
import { buildIssuedDocument } from '../../dataset/formats/testing/issued-document';
import { createDevCa, createDevSigningKey } from './dev-pki';
import { signEnvelopedXml, verifyEnvelopedXml } from './xml-dsig';
import { testKeyPair } from '../../../test/support/key-pool';

const ca = createDevCa({ commonName: 'Thai DFT test CA', validDays: 30, keyPair: testKeyPair() });
const key = createDevSigningKey({ ca, subject: { CN: 'TH-DFT signer', O: 'Department of Foreign Trade', C: 'TH' }, validFrom: new Date(Date.now() - 86_400_000), validTo: new Date(Date.now() + 86_400_000 * 10), keyPair: testKeyPair() });
const signer = async (bytes: Buffer) => ({ signature: sign('sha256', bytes, key.privateKey), certificateDer: key.certDer, chainDer: key.chainDer });
const PLACE = '</sac:SignatureInformation>';
const inExtension = (signature: Element) => (signature.parentNode as Element | null)?.localName === 'SignatureInformation';

async function signedUbl(): Promise<string> {
  return signEnvelopedXml(datasetToUbl(buildIssuedDocument(), { signed: true, record: { recordHash: 'ab'.repeat(32) } }), PLACE, signer);
}

function parse(xml: string): Document {
  const parsed = parseHostileXml(xml);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.document;
}

describe('XML-DSig enveloped in the UBL signature extension', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xmldsig-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, ca.certPem);

  it('verifies on the parsed tree and names the signer certificate', async () => {
    const check = verifyEnvelopedXml(parse(await signedUbl()), inExtension);
    expect(check).toEqual(expect.objectContaining({ ok: true }));
    expect(check.ok && check.certificateDer.equals(key.certDer)).toBe(true);
  });

  it('validates against the UBL 2.4 schema with xmllint and verifies with xmlsec1, and xmlsec1 refuses one changed byte', async () => {
    const xml = await signedUbl();
    const file = join(dir, 'signed.xml');
    writeFileSync(file, xml);
    const schema = join(__dirname, '../../dataset/formats/ubl/xsd/maindoc/UBL-CertificateOfOrigin-2.4.xsd');
    expect(execFileSync('xmllint', ['--noout', '--nonet', '--schema', schema, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toBe('');
    const out = execFileSync('xmlsec1', ['--verify', '--trusted-pem', caFile, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toBe('');
    const tampered = join(dir, 'tampered.xml');
    writeFileSync(tampered, xml.replace('Fresh durian', 'Fresh duriaN'));
    expect(() => execFileSync('xmlsec1', ['--verify', '--trusted-pem', caFile, tampered], { stdio: ['ignore', 'pipe', 'pipe'] })).toThrow();
  });

  it('refuses a changed byte of the content', async () => {
    const check = verifyEnvelopedXml(parse((await signedUbl()).replace('Fresh durian', 'Fresh duriaN')), inExtension);
    expect(check).toEqual({ ok: false, problems: ['the document is not what was signed (digest mismatch)'] });
  });

  it('refuses a wrapped document: content added beside the signed one and a second signature', async () => {
    const xml = await signedUbl();
    const signature = /<ds:Signature [\s\S]*<\/ds:Signature>/.exec(xml)?.[0] as string;
    const twice = xml.replace(PLACE, `${signature}${PLACE}`);
    expect(verifyEnvelopedXml(parse(twice), inExtension)).toEqual({ ok: false, problems: ['the document has 2 XML signatures; exactly one is read'] });
    // The signature moved into an element of the attacker's (the classic wrapping): not where UBL puts it.
    const moved = xml.replace(signature, '').replace('<cbc:UBLVersionID>', `<ext:UBLExtensions2>${signature}</ext:UBLExtensions2><cbc:UBLVersionID>`);
    expect(verifyEnvelopedXml(parse(moved), inExtension)).toEqual({ ok: false, problems: ['the XML signature is not in the UBL signature extension of the document'] });
    // A reference to a part only (an Id) instead of the whole document.
    const partial = xml.replace('<ds:Reference URI="">', '<ds:Reference URI="#part">');
    expect(verifyEnvelopedXml(parse(partial), inExtension)).toEqual({ ok: false, problems: ['the Reference must cover the whole document (URI "")'] });
  });

  it('refuses a signature by another key', async () => {
    const other = createDevSigningKey({ ca, subject: { CN: 'other' }, validFrom: new Date(Date.now() - 86_400_000), validTo: new Date(Date.now() + 86_400_000), keyPair: testKeyPair() });
    const forged = await signEnvelopedXml(datasetToUbl(buildIssuedDocument(), { signed: true }), PLACE, async (bytes) => ({ signature: sign('sha256', bytes, other.privateKey), certificateDer: key.certDer, chainDer: [] }));
    expect(verifyEnvelopedXml(parse(forged), inExtension)).toEqual({ ok: false, problems: ['the signature value does not verify with the KeyInfo certificate'] });
  });
});
