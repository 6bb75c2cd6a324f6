import { createHash, KeyObject, sign } from 'node:crypto';
import {
  DER_NULL,
  derOctetString,
  derOid,
  derSequence,
  derSetOf,
  derSmallInteger,
  derTime,
  derTlv,
} from './der';
import { Oid } from './oids';
import { PkiCryptoError, PkiCryptoErrorCode } from './pki-crypto.error';
import { ParsedCertificate, parseCertificate, publicKeyMatches } from './x509';

// Detached CMS SignedData (RFC 5652 5.1-5.4), SHA-256 with RSA PKCS#1 v1.5, signer identified by
// issuer and serial number, signed attributes contentType, signingTime and messageDigest.

const VERSION_1 = derSmallInteger(1);
const SHA256_ALGORITHM = derSequence(derOid(Oid.sha256)); // RFC 5754 3: parameters absent
const DIGEST_ALGORITHMS = derSetOf([SHA256_ALGORITHM]);
const DETACHED_DATA = derSequence(derOid(Oid.data)); // eContent absent: the content travels apart
// rsaEncryption with NULL, as OpenSSL itself writes it (RFC 3370 3.2); OpenSSL also accepts sha256WithRSA.
const RSA_SIGNATURE_ALGORITHM = derSequence(derOid(Oid.rsaEncryption), DER_NULL);
const SIGNED_DATA_OID = derOid(Oid.signedData);
const CONTENT_TYPE_ATTRIBUTE = derSequence(derOid(Oid.contentType), derSetOf([derOid(Oid.data)]));
const SIGNING_TIME_OID = derOid(Oid.signingTime);
const MESSAGE_DIGEST_OID = derOid(Oid.messageDigest);

export interface CmsSignerKey {
  signerCertDer: Buffer;
  chainDer?: Buffer[];
  privateKey: KeyObject;
}

// Built once per signing key: certificate set and signer identifier are encoded up front, so each
// signature costs one SHA-256 over the content, one RSA signature and a few small buffer copies.
export class CmsSigner {
  readonly certificate: ParsedCertificate;
  /** The CA certificates above the signer that a signature carries (DER), the signer's own left out. */
  readonly chainDer: Buffer[];
  private readonly privateKey: KeyObject;
  private readonly signerIdentifier: Buffer;
  private readonly certificateSet: Buffer;

  constructor(key: CmsSignerKey) {
    const { privateKey } = key;
    if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'rsa') {
      throw new PkiCryptoError(PkiCryptoErrorCode.UNSUPPORTED_KEY, 'CMS signing needs an RSA private key');
    }
    this.certificate = parseCertificate(key.signerCertDer);
    if (!publicKeyMatches(this.certificate.der, privateKey)) {
      const message = 'the private key does not match the signer certificate';
      throw new PkiCryptoError(PkiCryptoErrorCode.KEY_CERTIFICATE_MISMATCH, message);
    }
    const chain = (key.chainDer ?? []).map((der) => parseCertificate(der).der);
    const unique = new Map([this.certificate.der, ...chain].map((der) => [der.toString('base64'), der]));
    this.privateKey = privateKey;
    this.chainDer = chain.filter((der) => !der.equals(this.certificate.der));
    this.signerIdentifier = derSequence(this.certificate.issuerDer, this.certificate.serialNumberDer);
    // certificates [0] IMPLICIT CertificateSet, sorted as a DER SET OF.
    this.certificateSet = derSetOf([...unique.values()], 0xa0);
  }

  /** The raw RSASSA-PKCS1-v1_5 SHA-256 signature of the bytes (an XML signature's SignatureValue). */
  signBytes(bytes: Buffer): Buffer {
    return sign('sha256', bytes, this.privateKey);
  }

  /** `extraAttributes`: further signed attributes (DER Attribute SEQUENCEs) beside the three standard ones. */
  sign(content: Buffer, signingTime: Date, extraAttributes: readonly Buffer[] = []): Buffer {
    if (Number.isNaN(signingTime.getTime())) {
      throw new PkiCryptoError(PkiCryptoErrorCode.INVALID_ARGUMENT, 'signingTime is not a valid date');
    }
    const digest = createHash('sha256').update(content).digest();
    const signedAttributes = derSetOf([
      CONTENT_TYPE_ATTRIBUTE,
      derSequence(SIGNING_TIME_OID, derTlv(0x31, derTime(signingTime))),
      derSequence(MESSAGE_DIGEST_OID, derTlv(0x31, derOctetString(digest))),
      ...extraAttributes,
    ]);
    // RFC 5652 5.4: the signature covers the attributes encoded as a SET OF (tag 0x31) ...
    const signature = sign('sha256', signedAttributes, this.privateKey);
    // ... while the SignerInfo carries them as [0] IMPLICIT.
    const implicitAttributes = Buffer.from(signedAttributes);
    implicitAttributes[0] = 0xa0;
    const signerInfo = derSequence(
      VERSION_1,
      this.signerIdentifier,
      SHA256_ALGORITHM,
      implicitAttributes,
      RSA_SIGNATURE_ALGORITHM,
      derOctetString(signature),
    );
    const signedData = derSequence(
      VERSION_1,
      DIGEST_ALGORITHMS,
      DETACHED_DATA,
      this.certificateSet,
      derTlv(0x31, signerInfo),
    );
    return derSequence(SIGNED_DATA_OID, derTlv(0xa0, signedData));
  }
}

export interface SignDetachedCmsInput extends CmsSignerKey {
  content: Buffer;
  signingTime: Date;
}

// One-off signature. Callers that sign repeatedly keep a CmsSigner per key instead.
export function signDetachedCms(input: SignDetachedCmsInput): Buffer {
  return new CmsSigner(input).sign(input.content, input.signingTime);
}
