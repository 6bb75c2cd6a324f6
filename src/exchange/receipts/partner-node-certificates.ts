import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { parseCertificateCached, pemToDer } from '../../pki/crypto/x509';
import type { ReceiptSignerCertificate } from '../../pki/crypto/signed-receipt';
import { PartnerNodeCertificateEntity } from '../entities/partner-node-certificate.entity';
import { BoundedMap } from '../../core/memory/bounded';

export interface HeldNodeCertificate extends ReceiptSignerCertificate {
  pem: string;
  sha256: string;
  registeredAt: Date;
}

const CACHE_LIMIT = 1000;

/**
 * The node certificates a partner was registered with, current and earlier (kept by PartnersService,
 * never removed). A certificate under its partner and SHA-256 never changes, so what was read is kept
 * in the process; which one is current is the partner row's, read with each delivery.
 */
@Injectable()
export class PartnerNodeCertificates {
  private readonly cache = new BoundedMap<string, HeldNodeCertificate>(CACHE_LIMIT);

  constructor(@InjectRepository(PartnerNodeCertificateEntity) private readonly certificates: Repository<PartnerNodeCertificateEntity>) {}

  /** The certificate of `partnerId` with this SHA-256 (hex), if it was ever registered for it. */
  async one(partnerId: string, sha256: string): Promise<HeldNodeCertificate | undefined> {
    const key = `${partnerId}/${sha256}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const row = await this.certificates.findOne({ where: { partnerId, sha256 } });
    if (!row) return undefined;
    const held = this.held(row);
    this.cache.set(key, held);
    return held;
  }

  /** Every certificate the partner was registered with, oldest first. */
  async all(partnerId: string): Promise<HeldNodeCertificate[]> {
    const rows = await this.certificates.find({ where: { partnerId }, order: { registeredAt: 'ASC' } });
    return rows.map((row) => this.held(row));
  }

  private held(row: PartnerNodeCertificateEntity): HeldNodeCertificate {
    const der = pemToDer(row.pem);
    return { der, publicKey: parseCertificateCached(der).publicKey, pem: row.pem, sha256: row.sha256, registeredAt: row.registeredAt };
  }
}
