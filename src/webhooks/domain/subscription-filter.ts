/** What a subscription narrows its events to (each part optional; all given parts must hold). */
export interface SubscriptionFilter {
  agreement: string | null;
  /** The other country of the certificate: either side of it matches. */
  partnerCountry: string | null;
  certificateId: string | null;
}

/** What the filter is matched against: the certificate (or application) an event is about. */
export interface FilterFacts {
  certificateId: string | null;
  agreement: string | null;
  countries: readonly string[];
}

export function matchesFilter(filter: SubscriptionFilter, facts: FilterFacts): boolean {
  if (filter.certificateId !== null && filter.certificateId !== facts.certificateId) return false;
  if (filter.agreement !== null && filter.agreement !== facts.agreement) return false;
  if (filter.partnerCountry !== null && !facts.countries.includes(filter.partnerCountry)) return false;
  return true;
}
