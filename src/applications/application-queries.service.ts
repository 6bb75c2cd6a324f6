import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../core/auth/principal';
import { Clock } from '../core/clock/clock';
import { CodedError } from '../core/errors/coded-error';
import type { Violation } from '../core/errors/violation';
import { AuthoritiesService } from '../authorities/authorities.service';
import { DatasetService } from '../dataset/dataset.service';
import { asOfficer, scopeOf } from './application-callers';
import { toApplicationView, toCommentView, toDocumentView, toEventView } from './application.mappers';
import { ApplicationStore } from './application-store';
import { ApplicationStatus } from './domain/application-status';
import { ApplicationViewer, viewerOf } from './domain/visibility';
import { ruleDifferences } from './domain/rule-differences';
import type { ApplicationDetailView, ApplicationEventView, ApplicationView, RuleCheckView } from './dto/application.view';

/** An application event as its exporter or authority sees it, with what a webhook filter matches on. */
export interface SeenApplicationEvent {
  application: { id: string; authority: string; status: string; certificateId: string | null };
  event: ApplicationEventView;
  facts: { agreement: string | null; countries: string[] };
}

/** What the exporter and its authority see of applications; nobody else sees any. */
@Injectable()
export class ApplicationQueriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ApplicationStore,
    private readonly dataset: DatasetService,
    private readonly authorities: AuthoritiesService,
    private readonly clock: Clock,
  ) {}

  /**
   * The officer's preview before deciding: the dataset rules on the data as it stands, with the
   * versions in force now (those an approval now would issue with), and how their answer differs from
   * the one at submission. Changes nothing.
   */
  async ruleCheck(principal: Principal, id: string): Promise<RuleCheckView> {
    const officer = asOfficer(principal);
    const application = await this.store.find(this.dataSource.manager, id, { authorityId: officer.principal.authorityId });
    const now = this.clock.now();
    let findings: Violation[];
    try {
      const authority = await this.authorities.getAuthorityByCode(application.authorityCode);
      findings = (await this.dataset.validateDocument(application.document, { issuerCountry: authority.country, now })).warnings;
    } catch (error) {
      if (!(error instanceof CodedError) || !error.violations) throw error;
      findings = error.violations;
    }
    return { checkedAt: now.toISOString(), findings, ruleDifferences: ruleDifferences(application.submissionFindings, findings) };
  }

  async list(principal: Principal, filter: { status?: ApplicationStatus; limit: number }): Promise<ApplicationView[]> {
    const manager = this.dataSource.manager;
    const scope = scopeOf(principal);
    const settings = 'authorityId' in scope ? await this.store.settings(manager, scope.authorityId) : undefined;
    const now = this.clock.now();
    return (await this.store.list(manager, scope, filter)).map((a) => toApplicationView(a, { now, settings }));
  }

  async get(principal: Principal, id: string): Promise<ApplicationDetailView> {
    const manager = this.dataSource.manager;
    const application = await this.store.find(manager, id, scopeOf(principal));
    // The service level is the authority's yardstick; the exporter sees its application without it.
    const settings = viewerOf(principal, application) === ApplicationViewer.AUTHORITY ? await this.store.settings(manager, application.authorityId) : undefined;
    const documents = await this.store.documents(manager, id);
    const comments = await this.store.comments(manager, id);
    return {
      ...toApplicationView(application, { now: this.clock.now(), settings }),
      documents: documents.map(toDocumentView),
      comments: comments.map(toCommentView),
    };
  }

  async history(principal: Principal, id: string): Promise<ApplicationEventView[]> {
    const manager = this.dataSource.manager;
    await this.store.find(manager, id, scopeOf(principal));
    return (await this.store.events(manager, id)).map(toEventView);
  }

  /**
   * One event of an application's history with the application's identity and state, for a caller
   * who may see the application (its exporter, or its authority once submitted), else null: a webhook
   * subscriber's, checked again at each send. Also what a subscription's filter reads of it.
   */
  async eventAsSeenBy(principal: Principal, applicationId: string, eventId: string): Promise<SeenApplicationEvent | null> {
    const manager = this.dataSource.manager;
    let application;
    try {
      application = await this.store.find(manager, applicationId, scopeOf(principal));
    } catch (error) {
      if (error instanceof CodedError) return null;
      throw error;
    }
    if (!viewerOf(principal, application)) return null;
    const event = (await this.store.events(manager, applicationId)).find((e) => e.id === eventId);
    if (!event) return null;
    const document = application.document as { agreement?: unknown; exportCountry?: unknown; importCountry?: unknown };
    return {
      application: { id: application.id, authority: application.authorityCode, status: application.status, certificateId: application.certificateId },
      event: toEventView(event),
      facts: {
        agreement: typeof document.agreement === 'string' ? document.agreement : null,
        countries: [document.exportCountry, document.importCountry].filter((c): c is string => typeof c === 'string'),
      },
    };
  }

  /** The officers' queue: submitted and under review, oldest submission first, with the service level and what is overdue. */
  async queue(principal: Principal, limit: number): Promise<ApplicationView[]> {
    const officer = asOfficer(principal);
    const manager = this.dataSource.manager;
    const settings = await this.store.settings(manager, officer.principal.authorityId);
    const now = this.clock.now();
    return (await this.store.queue(manager, officer.principal.authorityId, limit)).map((a) => toApplicationView(a, { now, settings }));
  }
}
