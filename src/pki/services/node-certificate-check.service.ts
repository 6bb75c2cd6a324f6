import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { pemBlocks, parseCertificateCached } from '../crypto/x509';
import { PARTNER_NODES_OWNER } from '../domain/key-owner';
import { CertificateProblem, checkEndEntityCertificate } from '../domain/signing-certificate-check';
import { PkiErrorCode } from '../pki.error';
import { PkiStore } from '../pki.store';

/**
 * A partner node's certificate is checked like an authority's signing certificate, at registration
 * and at every receipt: valid now, keyUsage digitalSignature (a certificate without the extension is
 * refused), no CA, not revoked by a CRL the hub holds, and chained to a trust anchor of partner nodes
 * once the operator registered one (`POST /v1/pki/trust-anchors` with `partnerNodes: true`).
 */
@Injectable()
export class NodeCertificateCheck {
  constructor(
    private readonly store: PkiStore,
    private readonly dataSource: DataSource,
  ) {}

  async problems(certificatePem: string, now: Date, manager: EntityManager = this.dataSource.manager): Promise<CertificateProblem[]> {
    let certificate;
    try {
      const [block] = pemBlocks(certificatePem).filter((b) => b.label === 'CERTIFICATE');
      if (!block) return [{ code: PkiErrorCode.NO_CERTIFICATE, message: 'the node certificate holds no CERTIFICATE PEM block' }];
      certificate = parseCertificateCached(block.der);
    } catch {
      return [{ code: PkiErrorCode.MALFORMED_CERTIFICATE, message: 'the node certificate is not a readable X.509 certificate' }];
    }
    const [anchors, crls] = await Promise.all([this.store.anchorsOf(manager, PARTNER_NODES_OWNER), this.store.currentCrls(manager)]);
    return checkEndEntityCertificate({ certificate, chain: [], anchors, crls, now, ownerLabel: 'partner nodes', anchorRequired: false }).problems;
  }
}
