import { DeliveryRoute } from './delivery-status';
import { MessageType } from './message-type';

/** Certificates whose importing country is `country` go to `authority` through the partner. */
export interface PartnerRoute {
  country: string;
  authority: string;
}

export interface RoutablePartner {
  id: string;
  code: string;
  routes: PartnerRoute[];
  messageTypes: MessageType[];
  /** The partner takes its envelopes itself (DeliveryMode.PULL): its deliveries wait for it, no job sends them. */
  pull?: boolean;
}

/** A customs authority registered on this hub itself (a shared regional hub). */
export interface LocalAuthority {
  code: string;
  country: string;
}

export type Recipient =
  | { route: DeliveryRoute.PARTNER; country: string; authority: string; partnerId: string; partnerCode: string; pull?: boolean }
  | { route: DeliveryRoute.LOCAL; country: string; authority: string }
  | { route: DeliveryRoute.NONE; country: string };

export interface RoutingInput {
  type: MessageType;
  /** The destination countries: the importing country, and for a replacement that changed it, the old one too. */
  countries: string[];
  partners: RoutablePartner[];
  localAuthorities: LocalAuthority[];
}

/**
 * Picks the recipients of a message from its destination countries and its type: every customs
 * authority of the country served by this hub, and every partner that serves the country and
 * accepts the type. A country nobody serves gets one NONE recipient, so the message is recorded as
 * UNROUTABLE rather than dropped. An authority reachable both locally and through a partner is
 * served locally.
 */
export function routeMessage(input: RoutingInput): Recipient[] {
  const recipients: Recipient[] = [];
  const seen = new Set<string>();
  for (const country of [...new Set(input.countries)]) {
    const found: Recipient[] = [];
    const locals = input.localAuthorities.filter((a) => a.country === country).sort((a, b) => a.code.localeCompare(b.code));
    for (const local of locals) {
      if (seen.has(local.code)) continue;
      seen.add(local.code);
      found.push({ route: DeliveryRoute.LOCAL, country, authority: local.code });
    }
    const partners = input.partners.filter((p) => p.messageTypes.includes(input.type)).sort((a, b) => a.code.localeCompare(b.code));
    for (const partner of partners) {
      for (const route of partner.routes.filter((r) => r.country === country)) {
        if (seen.has(route.authority)) continue;
        seen.add(route.authority);
        found.push({ route: DeliveryRoute.PARTNER, country, authority: route.authority, partnerId: partner.id, partnerCode: partner.code, ...(partner.pull && { pull: true }) });
      }
    }
    recipients.push(...(found.length > 0 ? found : [{ route: DeliveryRoute.NONE as const, country }]));
  }
  return recipients;
}
