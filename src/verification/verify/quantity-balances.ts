import { Injectable } from '@nestjs/common';
import type { ItemBalance } from './domain/verification-facts';

/**
 * The remaining quantity of each item of a certificate, from the ledger of customs uses; null when
 * the hub keeps no ledger (the QUANTITY check then says LEDGER_UNAVAILABLE).
 */
export abstract class QuantityBalances {
  abstract remaining(certificateId: string): Promise<ItemBalance[] | null>;
}

/** No ledger of uses in this hub yet: every certificate's quantity is unknown, and said to be. */
@Injectable()
export class NoLedgerBalances extends QuantityBalances {
  async remaining(): Promise<null> {
    return null;
  }
}
