import { Injectable } from '@nestjs/common';
import type { ProfileCatalog } from '../../dataset/agreements/profile-catalog';
import { DatasetService } from '../../dataset/dataset.service';
import { BoundedMap } from '../../core/memory/bounded';
import { recheckDataset } from './domain/dataset-recheck';
import type { DatasetFacts } from './domain/verification-facts';

const CACHE_SIZE = 5000;

/**
 * The dataset rules of a verification, with the catalog and HS list the hub runs on. A certificate's
 * outcome depends only on its bytes, its recorded profile and the catalog, so repeated verifications
 * of the same certificate reuse it (per catalog: an added profile version starts afresh).
 */
@Injectable()
export class DatasetRecheckService {
  private readonly cache = new WeakMap<ProfileCatalog, BoundedMap<string, DatasetFacts>>();

  constructor(private readonly dataset: DatasetService) {}

  async recheck(
    document: Record<string, unknown>,
    // The issuer's country (rule CO-EXP-001), asked for only when the outcome is not known yet.
    input: { contentHash: string; issueTime: Date; recordedProfile: string | null; rulesVersion: string; issuerCode: string | null; issuerCountry: () => Promise<string | undefined> },
  ): Promise<DatasetFacts> {
    const catalog = await this.dataset.catalog();
    const hs = this.dataset.nomenclature;
    const key = [input.contentHash, input.issueTime.toISOString(), input.recordedProfile ?? '', input.rulesVersion, input.issuerCode ?? '', hs.version].join('|');
    let entries = this.cache.get(catalog);
    if (!entries) {
      entries = new BoundedMap(CACHE_SIZE);
      this.cache.set(catalog, entries);
    }
    const known = entries.get(key);
    if (known) return known;
    const facts = recheckDataset(document, { issueTime: input.issueTime, recordedProfile: input.recordedProfile, rulesVersion: input.rulesVersion, catalog, hs, issuerCountry: await input.issuerCountry() });
    entries.set(key, facts);
    return facts;
  }
}
