import { generateKeyPairSync } from 'node:crypto';
import { DerNode, encodeTree, listNodes, readTree, replaceNode, tlv } from '../../../test/support/pki-fuzz/der-tree';
import { createDevCa, createDevSigningKey, DevSigningKey } from './dev-pki';
import { PkiCryptoErrorCode } from './pki-crypto.error';
import { MAX_CERTIFICATE_BYTES, parseCertificate, pemBlocks, pemToDer } from './x509';
import { testKeyPair } from '../../../test/support/key-pool';

// Certificates and PEM text as a hostile sender would shape them. Certificates are edited as DER
// trees (their signatures no longer verify: reading must refuse them before anything is checked).

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const malformed = expect.objectContaining({ name: 'PkiCryptoError', code: PkiCryptoErrorCode.MALFORMED_CERTIFICATE });
const malformedPem = expect.objectContaining({ name: 'PkiCryptoError', code: PkiCryptoErrorCode.MALFORMED_PEM });

const oidBytes = (hex: string): Buffer => Buffer.from(hex, 'hex');
const KEY_USAGE_OID = oidBytes('551d0f');

function isExtension(node: DerNode, oid: Buffer): boolean {
  return node.kind === 'constructed' && node.children[0]?.kind === 'primitive' && node.children[0].tag === 0x06 && node.children[0].content.equals(oid);
}

describe('parseCertificate on hostile certificates', () => {
  let key: DevSigningKey;

  beforeAll(() => {
    const ca = createDevCa({ commonName: 'Hostile Test CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    key = createDevSigningKey({ ca, subject: { CN: 'Signer' }, validFrom: VALID_FROM, validTo: new Date('2027-01-01Z'), keyPair: testKeyPair() });
  });

  function edit(select: (node: DerNode) => boolean, replace: (node: DerNode) => DerNode): Buffer {
    const tree = readTree(key.certDer);
    const target = listNodes(tree).find(select);
    if (!target) throw new Error('no such node in the test certificate');
    return encodeTree(replaceNode(tree, target, replace));
  }

  it('refuses a certificate that carries one extension twice, rather than picking one of them', () => {
    const twice = edit(
      (node) => isExtension(node, KEY_USAGE_OID),
      (node) => ({ kind: 'raw', bytes: Buffer.concat([encodeTree(node), encodeTree(node)]) }),
    );

    expect(() => parseCertificate(twice)).toThrow(malformed);
    expect(() => parseCertificate(twice)).toThrow(/extension 2.5.29.15 appears more than once/);
  });

  it('refuses an RSA public exponent longer than 64 bits, which only makes every check slower', () => {
    const exponent = (node: DerNode): boolean => node.kind === 'primitive' && node.tag === 0x02 && node.content.equals(Buffer.from([1, 0, 1]));
    const hugeExponent = edit(exponent, () => ({ kind: 'primitive', tag: 0x02, content: Buffer.concat([Buffer.from([0x01]), Buffer.alloc(8)]) }));

    expect(() => parseCertificate(hugeExponent)).toThrow(/public exponent over 64 bits/);
  });

  it('refuses a key other than RSA, as before: the hub verifies RSA signatures only', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const spki = readTree(publicKey.export({ type: 'spki', format: 'der' }));
    const ecCertificate = edit((node) => node.kind === 'constructed' && node.children[1]?.kind === 'wrapped' && node.children[1].tag === 0x03, () => spki);

    expect(() => parseCertificate(ecCertificate)).toThrow(/only RSA public keys are supported/);
  });

  it(`refuses a certificate of more than ${MAX_CERTIFICATE_BYTES} bytes before reading it`, () => {
    const padded = edit(
      (node) => isExtension(node, KEY_USAGE_OID),
      (node) => ({ kind: 'raw', bytes: Buffer.concat([encodeTree(node), tlv(0x30, Buffer.concat([tlv(0x06, oidBytes('2a0304')), tlv(0x04, Buffer.alloc(MAX_CERTIFICATE_BYTES))]))]) }),
    );

    expect(() => parseCertificate(padded)).toThrow(new RegExp(`more than ${MAX_CERTIFICATE_BYTES}`));
  });

  it('refuses validity times that are no dates, which node-forge read as Invalid Date', () => {
    const utcTimes = (node: DerNode): boolean => node.kind === 'primitive' && node.tag === 0x17;
    const february30 = edit(utcTimes, () => ({ kind: 'primitive', tag: 0x17, content: Buffer.from('260230000000Z') }));
    const empty = edit(utcTimes, () => ({ kind: 'primitive', tag: 0x17, content: Buffer.alloc(0) }));

    expect(() => parseCertificate(february30)).toThrow(/notBefore: 260230000000Z is not a calendar date and time/);
    expect(() => parseCertificate(empty)).toThrow(/notBefore: expected a UTCTime or GeneralizedTime/);
  });
});

describe('pemBlocks on hostile text', () => {
  const body = Buffer.from('hub').toString('base64');

  it('reads the blocks and ignores the text around them, stray END lines included', () => {
    const text = `issued by: TH\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\ntrailer`;

    expect(pemBlocks(text)).toEqual([{ label: 'CERTIFICATE', der: Buffer.from('hub') }]);
  });

  it('refuses a block that never ends, a BEGIN inside a block, and an END of another label', () => {
    expect(() => pemBlocks(`-----BEGIN CERTIFICATE-----\n${body}\n`)).toThrow(malformedPem);
    expect(() => pemBlocks(`-----BEGIN CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`)).toThrow(/has no END line/);
    expect(() => pemBlocks(`-----BEGIN CERTIFICATE-----\n${body}\n-----END X509 CRL-----`)).toThrow(/ends with "END X509 CRL"/);
  });

  it('does not take a label of more than 64 characters for a boundary', () => {
    const label = 'A'.repeat(65);

    expect(pemBlocks(`-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`)).toEqual([]);
    expect(() => pemToDer(`-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`, label)).toThrow(malformedPem);
  });

  it('stops at the second of 58,000 BEGIN lines (1 MiB) instead of searching each one for its END', () => {
    expect(() => pemBlocks('-----BEGIN A-----\n'.repeat(58_000))).toThrow('PEM block "A" has no END line');
  });
});
