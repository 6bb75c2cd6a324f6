import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import type { Principal } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { RequestError, RequestErrorCode } from '../../core/errors/request-error';
import type { Violation } from '../../core/errors/violation';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { asExporter, scopeOf } from '../application-callers';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import { toDocumentView } from '../application.mappers';
import { applicationsConfig } from '../applications.config';
import { ApplicationSteps } from '../application-steps';
import { ApplicationStore } from '../application-store';
import { exporterMayEdit } from '../domain/application-lifecycle';
import { ApplicationEventType } from '../domain/application-status';
import { checkDocument, DocumentUpload } from '../domain/document-rules';
import type { ApplicationDocumentView } from '../dto/application.view';

// busboy's limit errors, raised through @fastify/multipart: all mean "larger than allowed".
const TOO_LARGE = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT']);
const PARTS = ['kind', 'file'];

/**
 * Supporting documents: the exporter uploads them one per request (multipart: a `kind` field and a
 * `file`), before review, within the route's own size limit and the count per application; type-
 * checked against their bytes and hashed. The exporter and the authority read them back.
 */
@Injectable()
export class SupportingDocumentsUseCase {
  constructor(
    @Inject(applicationsConfig.KEY) private readonly config: ConfigType<typeof applicationsConfig>,
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly store: ApplicationStore,
    private readonly steps: ApplicationSteps,
    private readonly clock: Clock,
  ) {}

  async add(principal: Principal, id: string, request: FastifyRequest): Promise<ApplicationDocumentView> {
    const exporter = asExporter(principal);
    // 404 before the body is read: nobody learns the limits of another's application.
    await this.store.find(this.dataSource.manager, id, { exporterTraderId: exporter.traderId });
    const checked = checkDocument(await this.readUpload(request), this.config.documentMaxBytes);
    if (!checked.document) throw RequestError.validation(checked.problems);
    const document = checked.document;
    const now = this.clock.now();
    const saved = await this.uow.run(async (tx) => {
      const application = await this.store.lock(tx.manager, id, { exporterTraderId: exporter.traderId });
      if (!exporterMayEdit(application.status)) {
        throw new ApplicationError(ApplicationErrorCode.ILLEGAL_TRANSITION, `Supporting documents are added before review, not to an application that is ${application.status}`, { currentStatus: application.status });
      }
      const held = (await this.store.documents(tx.manager, id)).length;
      if (held >= this.config.documentsMax) {
        throw new ApplicationError(ApplicationErrorCode.TOO_MANY_DOCUMENTS, `An application holds at most ${this.config.documentsMax} supporting documents`, { limit: this.config.documentsMax });
      }
      const row = await this.store.addDocument(tx.manager, { applicationId: id, kind: document.kind, fileName: document.fileName, contentType: document.contentType, size: document.size, sha256: document.sha256, content: document.bytes });
      await this.steps.record(tx, application, application.status, {
        type: ApplicationEventType.DOCUMENT_ADDED,
        audit: AuditAction.APPLICATION_DOCUMENT_ADDED,
        actor: `trader:${exporter.partyId}`,
        officerId: null,
        at: now,
        data: { documentId: row.id, kind: row.kind, sha256: row.sha256, size: row.size },
      });
      return row;
    });
    return toDocumentView(saved);
  }

  async list(principal: Principal, id: string): Promise<ApplicationDocumentView[]> {
    const manager = this.dataSource.manager;
    await this.store.find(manager, id, scopeOf(principal));
    return (await this.store.documents(manager, id)).map(toDocumentView);
  }

  async read(principal: Principal, id: string, documentId: string): Promise<{ contentType: string; fileName: string; bytes: Buffer }> {
    const manager = this.dataSource.manager;
    await this.store.find(manager, id, scopeOf(principal));
    const found = await this.store.documentContent(manager, id, documentId);
    if (!found) throw new ApplicationError(ApplicationErrorCode.DOCUMENT_NOT_FOUND, 'No such supporting document');
    return { contentType: found.contentType, fileName: found.fileName, bytes: found.content };
  }

  private async readUpload(request: FastifyRequest): Promise<DocumentUpload> {
    if (!request.isMultipart()) throw new RequestError(RequestErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Send multipart/form-data with the parts kind and file');
    const upload: DocumentUpload = { kind: undefined, fileName: undefined, contentType: undefined, bytes: undefined };
    const problems: Violation[] = [];
    const seen = new Set<string>();
    const max = this.config.documentMaxBytes;
    try {
      // This route's own limits: one file up to the document limit, whatever the hub's other uploads take.
      for await (const part of request.parts({ limits: { fileSize: max, files: 1, fields: 1, parts: 2, fieldSize: 64, fieldNameSize: 100, headerPairs: 50 } })) {
        const name = part.fieldname;
        if (!PARTS.includes(name)) {
          problems.push({ ruleId: 'APP-UPLOAD-007', severity: 'error', path: name, message: `unknown part ${name}: send kind and file` });
          if (part.type === 'file') await (part as MultipartFile).toBuffer();
          continue;
        }
        if (seen.has(name)) problems.push({ ruleId: 'APP-UPLOAD-007', severity: 'error', path: name, message: `${name} is given twice` });
        seen.add(name);
        if (name === 'kind') {
          if (part.type === 'file') {
            problems.push({ ruleId: 'APP-UPLOAD-007', severity: 'error', path: 'kind', message: 'kind is a field, not a file' });
            await (part as MultipartFile).toBuffer();
          } else {
            upload.kind = String((part as MultipartValue).value);
          }
        } else if (part.type === 'file') {
          const file = part as MultipartFile;
          upload.fileName = file.filename;
          upload.contentType = file.mimetype;
          upload.bytes = await file.toBuffer();
        } else {
          problems.push({ ruleId: 'APP-UPLOAD-007', severity: 'error', path: 'file', message: 'file is a file part (with a file name and a content type), not a field' });
        }
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code && TOO_LARGE.has(code)) {
        throw new RequestError(RequestErrorCode.PAYLOAD_TOO_LARGE, `A supporting document may have at most ${max} bytes, sent as one file part and one kind field`, { extra: { limit: max } });
      }
      throw new RequestError(RequestErrorCode.MALFORMED_BODY, 'The multipart body cannot be read');
    }
    if (problems.length > 0) {
      // The part problems and the document's own, together.
      throw RequestError.validation([...problems, ...checkDocument(upload, max).problems]);
    }
    return upload;
  }
}
