import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CertificateLedger } from '../../certificates/ledger/certificate-ledger';
import type { ItemBalance } from './domain/verification-facts';

/**
 * The remaining quantity of each item of a certificate, from the ledger of customs uses; null when
 * the hub keeps no ledger (the QUANTITY check then says LEDGER_UNAVAILABLE).
 */
export abstract class QuantityBalances {
  abstract remaining(certificateId: string): Promise<ItemBalance[] | null>;
}

/** The certificates module's use ledger: what each item states, what customs used, what remains. */
@Injectable()
export class LedgerBalances extends QuantityBalances {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: CertificateLedger,
  ) {
    super();
  }

  async remaining(certificateId: string): Promise<ItemBalance[]> {
    return this.ledger.balances(this.dataSource.manager, certificateId);
  }
}
