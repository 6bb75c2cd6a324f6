import { Injectable, Logger } from '@nestjs/common';
import { NodeSigner } from '../../core/signing/node-signer';
import { assembleReceipt, receiptSigningInput } from '../../pki/crypto/signed-receipt';
import type { Acknowledgement } from '../domain/acknowledgement';
import { envelopeSha256, receiptClaimsFor } from './domain/receipt-rules';

/**
 * The receiving side of signed receipts: the acknowledgement of an envelope, with a receipt signed
 * by the node key through NodeSigner (whatever holds the key: the pki store, files, a hardware
 * module). The receipt's header names the signing certificate, which is known only once a signature
 * was made: the last one seen is used, and a signature under another (the key was rotated meanwhile)
 * is made again under the one it names.
 */
@Injectable()
export class ReceiptSigner {
  private readonly logger = new Logger(ReceiptSigner.name);
  private signerFingerprint: string | undefined;

  constructor(private readonly node: NodeSigner) {}

  /** The acknowledgement with its receipt; `envelope` is the whole envelope as received, signature included. */
  async sign(acknowledgement: Acknowledgement, envelope: unknown, receivedAt: Date): Promise<Acknowledgement> {
    const claims = receiptClaimsFor(acknowledgement, envelopeSha256(envelope), receivedAt);
    this.signerFingerprint ??= (await this.node.sign(Buffer.alloc(0), 'RSA-SHA256')).keyId;
    for (let attempt = 0; attempt < 2; attempt++) {
      const input = receiptSigningInput(claims, this.signerFingerprint);
      const signed = await this.node.sign(Buffer.from(input, 'ascii'), 'RSA-SHA256');
      if (signed.keyId === this.signerFingerprint) return { ...acknowledgement, receipt: assembleReceipt(input, signed.signature) };
      this.logger.log(`The node key changed (now ${signed.keyId}): receipts are signed under it from now on`);
      this.signerFingerprint = signed.keyId;
    }
    // Rotated twice within one receipt: the sender asks again and gets one from the key as it stands then.
    return acknowledgement;
  }
}
