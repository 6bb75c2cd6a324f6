import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DayCounting, ApplicationStatus } from './domain/application-status';
import type { ApplicationEvent } from './application-event.effect';
import { ApplicationError } from './application.error';
import { ApplicationCommentEntity } from './entities/application-comment.entity';
import { ApplicationDocumentEntity } from './entities/application-document.entity';
import { ApplicationEventEntity } from './entities/application-event.entity';
import { ApplicationSettingsEntity } from './entities/application-settings.entity';
import { ApplicationEntity } from './entities/application.entity';

/** Whose applications a query covers: an exporter's own, or those addressed to one authority. */
export type ApplicationScope = { exporterTraderId: string } | { authorityId: string };

export interface ApplicationSettings {
  fourEyes: boolean;
  dayCounting: DayCounting;
  serviceDays: number;
  serviceDaysByAgreement: Record<string, number>;
}

export const DEFAULT_SETTINGS: ApplicationSettings = { fourEyes: true, dayCounting: DayCounting.CALENDAR, serviceDays: 3, serviceDaysByAgreement: {} };

/** Narrow persistence for the application use cases; the methods taking a manager work in the caller's transaction. */
@Injectable()
export class ApplicationStore {
  async insert(manager: EntityManager, values: Partial<ApplicationEntity>): Promise<ApplicationEntity> {
    return manager.save(manager.create(ApplicationEntity, values));
  }

  /** Locks an application in the scope for a change; anything else is 404. */
  async lock(manager: EntityManager, id: string, scope: ApplicationScope): Promise<ApplicationEntity> {
    const qb = manager.createQueryBuilder(ApplicationEntity, 'a').setLock('pessimistic_write').where('a.id = :id', { id });
    const found = await scoped(qb, scope).getOne();
    if (!found) throw ApplicationError.notFound();
    return found;
  }

  async find(manager: EntityManager, id: string, scope: ApplicationScope): Promise<ApplicationEntity> {
    const found = await scoped(manager.createQueryBuilder(ApplicationEntity, 'a').where('a.id = :id', { id }), scope).getOne();
    if (!found) throw ApplicationError.notFound();
    return found;
  }

  async save(manager: EntityManager, application: ApplicationEntity): Promise<ApplicationEntity> {
    application.version += 1;
    return manager.save(application);
  }

  async list(manager: EntityManager, scope: ApplicationScope, filter: { status?: ApplicationStatus; limit: number }): Promise<ApplicationEntity[]> {
    const qb = scoped(manager.createQueryBuilder(ApplicationEntity, 'a'), scope);
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    return qb.orderBy('a.created_at', 'DESC').addOrderBy('a.id', 'DESC').limit(filter.limit).getMany();
  }

  /** The officers' queue: what waits for a claim or is under review, oldest submission first. */
  async queue(manager: EntityManager, authorityId: string, limit: number): Promise<ApplicationEntity[]> {
    return manager
      .createQueryBuilder(ApplicationEntity, 'a')
      .where('a.authority_id = :authorityId AND a.status IN (:...statuses)', { authorityId, statuses: [ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW] })
      .orderBy('a.submitted_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  async insertEvents(manager: EntityManager, events: readonly ApplicationEvent[]): Promise<void> {
    if (events.length === 0) return;
    const values: unknown[] = [];
    const tuples = events.map((e, i) => {
      values.push(e.applicationId, e.type, e.from, e.to, e.actor, e.officerId, e.at, JSON.stringify(e.data ?? {}));
      return `(${Array.from({ length: 8 }, (_, k) => `$${i * 8 + k + 1}`).join(', ')})`;
    });
    await manager.query(`INSERT INTO application_events (application_id, type, from_status, to_status, actor, officer_id, occurred_at, data) VALUES ${tuples.join(', ')}`, values);
  }

  async events(manager: EntityManager, applicationId: string): Promise<ApplicationEventEntity[]> {
    return manager.find(ApplicationEventEntity, { where: { applicationId }, order: { occurredAt: 'ASC', id: 'ASC' } });
  }

  async addComment(manager: EntityManager, values: Pick<ApplicationCommentEntity, 'applicationId' | 'path' | 'text' | 'officerId'>): Promise<ApplicationCommentEntity> {
    return manager.save(manager.create(ApplicationCommentEntity, values));
  }

  async comments(manager: EntityManager, applicationId: string): Promise<ApplicationCommentEntity[]> {
    return manager.find(ApplicationCommentEntity, { where: { applicationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async addDocument(manager: EntityManager, values: Pick<ApplicationDocumentEntity, 'applicationId' | 'kind' | 'fileName' | 'contentType' | 'size' | 'sha256' | 'content'>): Promise<ApplicationDocumentEntity> {
    const saved = await manager.save(manager.create(ApplicationDocumentEntity, values));
    return saved;
  }

  /** The documents' descriptions, without their bytes. */
  async documents(manager: EntityManager, applicationId: string): Promise<ApplicationDocumentEntity[]> {
    return manager.find(ApplicationDocumentEntity, { where: { applicationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async documentContent(manager: EntityManager, applicationId: string, documentId: string): Promise<ApplicationDocumentEntity | null> {
    return manager
      .createQueryBuilder(ApplicationDocumentEntity, 'd')
      .addSelect('d.content')
      .where('d.id = :documentId AND d.application_id = :applicationId', { documentId, applicationId })
      .getOne();
  }

  async settings(manager: EntityManager, authorityId: string): Promise<ApplicationSettings> {
    const found = await manager.findOne(ApplicationSettingsEntity, { where: { authorityId } });
    if (!found) return { ...DEFAULT_SETTINGS };
    return { fourEyes: found.fourEyes, dayCounting: found.dayCounting, serviceDays: found.serviceDays, serviceDaysByAgreement: found.serviceDaysByAgreement };
  }

  async saveSettings(manager: EntityManager, authorityId: string, settings: ApplicationSettings): Promise<void> {
    await manager.upsert(ApplicationSettingsEntity, { authorityId, ...settings }, ['authorityId']);
  }
}

// The exporter sees its applications from the first draft; the authority once it was submitted (a
// draft is the exporter's own until then).
function scoped<T extends { andWhere: (where: string, params?: Record<string, unknown>) => T }>(qb: T, scope: ApplicationScope): T {
  if ('exporterTraderId' in scope) return qb.andWhere('a.exporter_trader_id = :traderId', { traderId: scope.exporterTraderId });
  return qb.andWhere('a.authority_id = :authorityId', { authorityId: scope.authorityId }).andWhere('a.first_submitted_at IS NOT NULL');
}
