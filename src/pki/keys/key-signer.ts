import { CmsSignedDataLayout, OwnSignatureReading } from '../crypto/cms-signer';
import { ParsedCertificate } from '../crypto/x509';
import { KeyHandle, KeySignatureAlgorithm } from './key-handle';

/**
 * One certified key, ready to sign: its handle (in this process or in a hardware token) with its
 * certificate and chain. Every signature the hub makes with a stored key goes through here, so CMS
 * and raw signatures come out the same whichever key store holds the key.
 */
export class KeySigner {
  private readonly layout: CmsSignedDataLayout;

  constructor(
    private readonly handle: KeyHandle,
    certificateDer: Buffer,
    chainDer: Buffer[] = [],
  ) {
    this.layout = new CmsSignedDataLayout({ signerCertDer: certificateDer, chainDer, key: handle.publicKey });
  }

  get certificate(): ParsedCertificate {
    return this.layout.certificate;
  }

  get chainDer(): Buffer[] {
    return this.layout.chainDer;
  }

  /** A raw signature of the bytes (an envelope, a checkpoint, an XML or JWS signature value). */
  signBytes(bytes: Buffer, algorithm: KeySignatureAlgorithm): Promise<Buffer> {
    return this.handle.sign(bytes, algorithm);
  }

  /** A detached CMS SignedData over the content (DESIGN.md section 7). */
  async signCms(content: Buffer, signingTime: Date, extraAttributes: readonly Buffer[] = []): Promise<Buffer> {
    const { signedAttributes, signature } = await this.signAttributes(content, signingTime, extraAttributes);
    return this.layout.assemble(signedAttributes, signature);
  }

  /**
   * signCms, and the signature checked under the certificate: what a reader will find in it, or no
   * reading when the key (a token's) did not make a signature its certificate verifies.
   */
  async signCmsRead(content: Buffer, signingTime: Date, extraAttributes: readonly Buffer[] = []): Promise<{ cmsDer: Buffer; reading?: OwnSignatureReading }> {
    const { signedAttributes, signature } = await this.signAttributes(content, signingTime, extraAttributes);
    const cmsDer = this.layout.assemble(signedAttributes, signature);
    const reading = this.layout.reading(signedAttributes, signature, signingTime);
    return reading ? { cmsDer, reading } : { cmsDer };
  }

  private async signAttributes(content: Buffer, signingTime: Date, extraAttributes: readonly Buffer[]): Promise<{ signedAttributes: Buffer; signature: Buffer }> {
    const signedAttributes = this.layout.signedAttributes(content, signingTime, extraAttributes);
    return { signedAttributes, signature: await this.handle.sign(signedAttributes, 'RSA-SHA256') };
  }
}
