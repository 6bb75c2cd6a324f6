import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CertificateLedger } from '../../certificates/ledger/certificate-ledger';
import type { ItemBalance } from './domain/verification-facts';

/**
 * The remaining quantity of each item of a certificate, from the certificates module's use ledger:
 * what each item states, what customs used, what remains.
 */
@Injectable()
export class QuantityBalances {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: CertificateLedger,
  ) {}

  async remaining(certificateId: string): Promise<ItemBalance[]> {
    return this.ledger.balances(this.dataSource.manager, certificateId);
  }
}
