import { Injectable } from '@nestjs/common';
import type { Principal } from '../core/auth/principal';
import { ApplicationQueriesService } from '../applications/application-queries.service';
import { CertificateQueriesService } from '../certificates/certificate-queries.service';
import { HubEventSource } from './domain/webhook-event-type';
import type { FilterFacts } from './domain/subscription-filter';

/** What a delivery carries: an outbox entry, or the hub's own news about a subscription. */
export type DeliveryAbout =
  | { kind: 'EVENT'; source: HubEventSource; subjectId: string; eventId: string; occurredAt: string }
  | { kind: 'NOTICE'; occurredAt: string; data: Record<string, unknown> };

/** An event as one subscriber may see it now: the payload's data, and what its filter matches on. */
export interface SeenEvent {
  data: Record<string, unknown>;
  facts: FilterFacts;
}

/**
 * Who may hear what: an event reaches a subscriber only as the API would show it to the caller of the
 * subscription's key (the certificates' and applications' own visibility rules, field by field), asked
 * when the delivery is made and again at each send.
 */
@Injectable()
export class WebhookAudience {
  constructor(
    private readonly certificates: CertificateQueriesService,
    private readonly applications: ApplicationQueriesService,
  ) {}

  /** `recordRead`: at a send, the read is recorded as the API would record it. */
  async seenBy(principal: Principal, about: DeliveryAbout, options: { recordRead: boolean }): Promise<SeenEvent | null> {
    if (about.kind === 'NOTICE') return { data: about.data, facts: { certificateId: null, agreement: null, countries: [] } };
    if (about.source === HubEventSource.CERTIFICATE || about.source === HubEventSource.DELIVERY) {
      const seen =
        about.source === HubEventSource.CERTIFICATE
          ? await this.certificates.eventAsSeenBy(principal, about.subjectId, about.eventId, options)
          : await this.certificates.deliveryAsSeenBy(principal, about.subjectId, about.eventId, options);
      if (!seen) return null;
      const facts = (await this.certificates.filterFactsOf([about.subjectId])).get(about.subjectId);
      return {
        data: seen as unknown as Record<string, unknown>,
        facts: { certificateId: about.subjectId, agreement: facts?.agreement ?? null, countries: facts ? [facts.exportCountry, facts.importCountry] : [] },
      };
    }
    const seen = await this.applications.eventAsSeenBy(principal, about.subjectId, about.eventId);
    if (!seen) return null;
    return { data: { application: seen.application, event: seen.event }, facts: { certificateId: seen.application.certificateId, ...seen.facts } };
  }
}
