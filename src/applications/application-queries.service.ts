import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../core/auth/principal';
import { Clock } from '../core/clock/clock';
import { asOfficer, scopeOf } from './application-callers';
import { toApplicationView, toCommentView, toDocumentView, toEventView } from './application.mappers';
import { ApplicationStore } from './application-store';
import { ApplicationStatus } from './domain/application-status';
import { ApplicationViewer, viewerOf } from './domain/visibility';
import type { ApplicationDetailView, ApplicationEventView, ApplicationView } from './dto/application.view';

/** What the exporter and its authority see of applications; nobody else sees any. */
@Injectable()
export class ApplicationQueriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ApplicationStore,
    private readonly clock: Clock,
  ) {}

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

  /** The officers' queue: submitted and under review, oldest submission first, with the service level and what is overdue. */
  async queue(principal: Principal, limit: number): Promise<ApplicationView[]> {
    const officer = asOfficer(principal);
    const manager = this.dataSource.manager;
    const settings = await this.store.settings(manager, officer.principal.authorityId);
    const now = this.clock.now();
    return (await this.store.queue(manager, officer.principal.authorityId, limit)).map((a) => toApplicationView(a, { now, settings }));
  }
}
