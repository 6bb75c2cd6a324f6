import type { ViolationView } from '../core/http/problem.view';
import { declarationHash } from '../dataset/exporter-declaration';
import type { ApplicationSettings } from './application-store';
import { applicationActions } from './domain/application-lifecycle';
import { ApplicationStatus } from './domain/application-status';
import { signatureStillCovers } from './domain/declaration';
import { serviceDaysFor, serviceDueAt } from './domain/service-level';
import type { ApplicationCommentView, ApplicationDocumentView, ApplicationEventView, ApplicationView } from './dto/application.view';
import type { ApplicationCommentEntity } from './entities/application-comment.entity';
import type { ApplicationDocumentEntity } from './entities/application-document.entity';
import type { ApplicationEventEntity } from './entities/application-event.entity';
import type { ApplicationEntity } from './entities/application.entity';

const WAITING = [ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW];

/** The application as its exporter and its authority see it; the service level only for the authority. */
export function toApplicationView(entity: ApplicationEntity, options: { now: Date; settings?: ApplicationSettings }): ApplicationView {
  const { settings, now } = options;
  let serviceLevel: ApplicationView['serviceLevel'] = null;
  if (settings && entity.submittedAt) {
    const days = serviceDaysFor(entity.document.agreement as string | undefined, settings);
    const dueAt = serviceDueAt(entity.submittedAt, days, settings.dayCounting);
    serviceLevel = { days, counting: settings.dayCounting, dueAt: dueAt.toISOString(), overdue: WAITING.includes(entity.status) && now.getTime() > dueAt.getTime() };
  }
  return {
    id: entity.id,
    authority: entity.authorityCode,
    exporter: entity.exporterPartyId,
    status: entity.status,
    certificate: entity.document,
    declarationSignature: {
      signed: entity.declarationSignature !== null,
      coversCurrentDeclaration: signatureStillCovers(entity.declarationSignedHash, declarationHash(entity.document)),
      signedAt: entity.declarationSignedAt?.toISOString() ?? null,
    },
    submissionFindings: entity.submissionFindings as ViolationView[],
    submittedAt: entity.submittedAt?.toISOString() ?? null,
    claimedBy: entity.claimedBy,
    lastChangedByOfficer: entity.lastChangedByOfficer,
    decidedBy: entity.decidedBy,
    decidedAt: entity.decidedAt?.toISOString() ?? null,
    rejectionReasons: entity.rejectionReasons?.map((r) => ({ code: r.code, text: r.text })) ?? null,
    certificateId: entity.certificateId,
    allowedActions: applicationActions(entity.status),
    ...(settings ? { serviceLevel } : {}),
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

export function toDocumentView(entity: ApplicationDocumentEntity): ApplicationDocumentView {
  return { id: entity.id, kind: entity.kind, fileName: entity.fileName, contentType: entity.contentType, size: entity.size, sha256: entity.sha256, uploadedAt: entity.createdAt.toISOString() };
}

export function toCommentView(entity: ApplicationCommentEntity): ApplicationCommentView {
  return { id: entity.id, path: entity.path, text: entity.text, officerId: entity.officerId, createdAt: entity.createdAt.toISOString() };
}

export function toEventView(entity: ApplicationEventEntity): ApplicationEventView {
  return {
    id: entity.id,
    type: entity.type,
    fromStatus: entity.fromStatus,
    toStatus: entity.toStatus,
    actor: entity.actor,
    officerId: entity.officerId,
    occurredAt: entity.occurredAt.toISOString(),
    data: entity.data,
  };
}
