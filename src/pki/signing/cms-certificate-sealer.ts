import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Tx } from '../../core/unit-of-work/unit-of-work';
import { CertificateSeal, CertificateSealer, SealInput } from './certificate-sealer';
import { KeyOwnerType } from '../domain/key-owner';
import { exporterSignatureAttribute } from '../crypto/exporter-signature-attribute';
import { ActiveKeySigner } from './active-key-signer';
import { SignatureCheckMacs } from './signature-check-macs';

/**
 * Seals an issued certificate with a detached CMS by its authority's active key (DESIGN.md section 7):
 * the RFC 8785 bytes, signing time = the hub-recorded issue time, inside the issuing transaction, so
 * without an active key the issue fails and changes nothing.
 */
@Injectable()
export class CmsCertificateSealer extends CertificateSealer {
  constructor(
    private readonly signer: ActiveKeySigner,
    private readonly macs: SignatureCheckMacs,
  ) {
    super();
  }

  async seal(context: EntityManager | Tx, input: SealInput): Promise<CertificateSeal> {
    const owner = { type: KeyOwnerType.AUTHORITY, authorityId: input.authorityId, code: input.authorityCode } as const;
    const extra = input.exporterSignatureCms ? [exporterSignatureAttribute(input.exporterSignatureCms)] : [];
    const signature = await this.signer.sign(context, owner, input.canonical, input.issueTime, extra);
    const signatureCheckMac = signature.reading ? this.macs.issue(input.canonical, signature.cmsDer, signature.reading) : null;
    return { signatureCms: signature.cmsDer, signingKeyId: signature.keyId, signatureCheckMac };
  }
}
