import { createHash, KeyObject, sign, verify } from 'node:crypto';
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
import { ParsedCertificate, parseCertificateCached, publicKeyMatches } from './x509';

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

/** Who signs: the signer certificate, the CA certificates a signature carries, and the key it certifies (public or private). */
export interface CmsSignerIdentity {
  signerCertDer: Buffer;
  chainDer?: Buffer[];
  key: KeyObject;
}

/**
 * What a reader of a CMS this hub just made finds in it (the signer, the other certificates in the
 * order it carries them, the signing time to the second, the digest), known once its RSA signature
 * was checked under the signer certificate: the facts a MAC may vouch for (pki/signing/signature-check-macs).
 */
export interface OwnSignatureReading {
  signerFingerprint: string;
  intermediateFingerprints: string[];
  signingTime: Date;
  digestHash: 'sha256';
}

// The parts of a SignedData that depend on the signer only, encoded once per key: certificate set
// and signer identifier. Whoever makes the RSA signature (node:crypto here, a hardware token through
// pki/keys) signs `signedAttributes(...)` and hands the signature to `assemble`.
export class CmsSignedDataLayout {
  readonly certificate: ParsedCertificate;
  /** The CA certificates above the signer that a signature carries (DER), the signer's own left out. */
  readonly chainDer: Buffer[];
  private readonly signerIdentifier: Buffer;
  private readonly certificateSet: Buffer;
  /** The certificates a signature carries besides the signer's, in the SET OF's order: as a reader lists them. */
  private readonly intermediateFingerprints: string[];

  constructor(identity: CmsSignerIdentity) {
    if (identity.key.asymmetricKeyType !== 'rsa') {
      throw new PkiCryptoError(PkiCryptoErrorCode.UNSUPPORTED_KEY, 'CMS signing needs an RSA key');
    }
    // Parsed through the process's cache, where a verification of what this key signs finds them by fingerprint.
    this.certificate = parseCertificateCached(identity.signerCertDer);
    const matches =
      identity.key.type === 'private'
        ? publicKeyMatches(this.certificate.der, identity.key)
        : this.certificate.publicKey.export({ type: 'spki', format: 'der' }).equals(identity.key.export({ type: 'spki', format: 'der' }));
    if (!matches) {
      const message = 'the private key does not match the signer certificate';
      throw new PkiCryptoError(PkiCryptoErrorCode.KEY_CERTIFICATE_MISMATCH, message);
    }
    const chain = (identity.chainDer ?? []).map((der) => parseCertificateCached(der));
    const unique = new Map([this.certificate, ...chain].map((cert) => [cert.fingerprintSha256, cert]));
    this.chainDer = chain.filter((cert) => !cert.der.equals(this.certificate.der)).map((cert) => cert.der);
    this.signerIdentifier = derSequence(this.certificate.issuerDer, this.certificate.serialNumberDer);
    // certificates [0] IMPLICIT CertificateSet, sorted as a DER SET OF.
    this.certificateSet = derSetOf([...unique.values()].map((cert) => cert.der), 0xa0);
    this.intermediateFingerprints = [...unique.values()]
      .sort((a, b) => Buffer.compare(a.der, b.der))
      .filter((cert) => cert.fingerprintSha256 !== this.certificate.fingerprintSha256)
      .map((cert) => cert.fingerprintSha256);
  }

  /**
   * What a reader will find in the signature assembled from these signed attributes, when `signature`
   * verifies over them under the signer certificate; undefined when it does not (a token that signed
   * with a key other than its certificate's), and then nothing may vouch for it.
   */
  reading(signedAttributes: Buffer, signature: Buffer, signingTime: Date): OwnSignatureReading | undefined {
    let verified: boolean;
    try {
      verified = verify('sha256', signedAttributes, this.certificate.publicKey, signature);
    } catch {
      verified = false;
    }
    if (!verified) return undefined;
    return {
      signerFingerprint: this.certificate.fingerprintSha256,
      intermediateFingerprints: [...this.intermediateFingerprints],
      // The signingTime attribute holds whole seconds (derTime).
      signingTime: new Date(Math.floor(signingTime.getTime() / 1000) * 1000),
      digestHash: 'sha256',
    };
  }

  /**
   * The signed attributes as a SET OF: what the RSA signature covers (RFC 5652 5.4).
   * `extraAttributes`: further signed attributes (DER Attribute SEQUENCEs) beside the three standard ones.
   */
  signedAttributes(content: Buffer, signingTime: Date, extraAttributes: readonly Buffer[] = []): Buffer {
    if (Number.isNaN(signingTime.getTime())) {
      throw new PkiCryptoError(PkiCryptoErrorCode.INVALID_ARGUMENT, 'signingTime is not a valid date');
    }
    const digest = createHash('sha256').update(content).digest();
    return derSetOf([
      CONTENT_TYPE_ATTRIBUTE,
      derSequence(SIGNING_TIME_OID, derTlv(0x31, derTime(signingTime))),
      derSequence(MESSAGE_DIGEST_OID, derTlv(0x31, derOctetString(digest))),
      ...extraAttributes,
    ]);
  }

  /** The ContentInfo around a signature of `signedAttributes`. */
  assemble(signedAttributes: Buffer, signature: Buffer): Buffer {
    // The SignerInfo carries the attributes as [0] IMPLICIT, the signature having covered the SET OF.
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

// Built once per signing key held in this process: each signature costs one SHA-256 over the
// content, one RSA signature and a few small buffer copies.
export class CmsSigner {
  private readonly layout: CmsSignedDataLayout;
  private readonly privateKey: KeyObject;

  constructor(key: CmsSignerKey) {
    const { privateKey } = key;
    if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'rsa') {
      throw new PkiCryptoError(PkiCryptoErrorCode.UNSUPPORTED_KEY, 'CMS signing needs an RSA private key');
    }
    this.layout = new CmsSignedDataLayout({ signerCertDer: key.signerCertDer, chainDer: key.chainDer, key: privateKey });
    this.privateKey = privateKey;
  }

  get certificate(): ParsedCertificate {
    return this.layout.certificate;
  }

  /** The CA certificates above the signer that a signature carries (DER), the signer's own left out. */
  get chainDer(): Buffer[] {
    return this.layout.chainDer;
  }

  /** The raw RSASSA-PKCS1-v1_5 SHA-256 signature of the bytes (an XML signature's SignatureValue). */
  signBytes(bytes: Buffer): Buffer {
    return sign('sha256', bytes, this.privateKey);
  }

  /** `extraAttributes`: further signed attributes (DER Attribute SEQUENCEs) beside the three standard ones. */
  sign(content: Buffer, signingTime: Date, extraAttributes: readonly Buffer[] = []): Buffer {
    const signedAttributes = this.layout.signedAttributes(content, signingTime, extraAttributes);
    return this.layout.assemble(signedAttributes, sign('sha256', signedAttributes, this.privateKey));
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
