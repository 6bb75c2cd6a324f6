import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, DataSource, In, Repository, SelectQueryBuilder } from 'typeorm';
import { AuditAction } from '../audit/audit-action';
import { JsonWithRawMember } from '../core/http/raw-json-member';
import { AuditService, READ_RECORDED } from '../audit/audit.service';
import { AuthorityRole } from '../core/auth/authority-role';
import { DeliveryQueriesService } from '../exchange/delivery/delivery-queries.service';
import { DeliveryView } from '../exchange/dto/delivery.view';
import { Principal, PrincipalKind, principalLabel } from '../core/auth/principal';
import { hydrateRow } from '../core/database/hydrate-row';
import { AuditedReadKind, GroupedRead, READ_ACTOR, READ_NUMBER, auditedReadKind, groupedReadStatement } from './audited-read-condition';
import { StatementBatcher } from '../core/database/statement-batcher';
import type { CertificateRecord } from './certificate-record';
import { CertificateError, CertificateErrorCode } from './certificate.error';
import { CertificateEventView, CertificatePageView, toCertificateView } from './dto/certificate.view';
import { ListCertificatesQuery } from './dto/list-certificates.query';
import { CertificateStatus } from './domain/certificate-status';
import { deliveriesFor } from './domain/deliveries-view';
import { historyFor } from './domain/history-view';
import { Viewer, viewerOf } from './domain/viewer';
import { isIssuerOf } from './domain/visibility';
import { CertificateEventEntity } from './entities/certificate-event.entity';
import { CertificateEntity } from './entities/certificate.entity';
import { balancesOf, usesColumn } from './ledger/certificate-ledger';
import type { ItemBalance } from './domain/use-ledger';

/** What a webhook payload says of a certificate: its identity and states, which whoever may see it sees. */
export interface CertificateSummary {
  id: string;
  issuingAuthority: string;
  certificateNumber: string;
  copyNumber: number;
  status: string;
  importStatus: string | null;
}

/** A certificate event as one who may see it sees it, with the certificate it is about. */
export interface SeenCertificateEvent {
  certificate: CertificateSummary;
  event: CertificateEventView;
}

/** A delivery of a certificate's messages as one who may see it sees it. */
export interface SeenCertificateDelivery {
  certificate: CertificateSummary;
  delivery: DeliveryView;
}

function summaryOf(c: CertificateEntity): CertificateSummary {
  return { id: c.id, issuingAuthority: c.issuingAuthorityCode, certificateNumber: c.certificateNumber, copyNumber: c.copyNumber, status: c.status, importStatus: c.importStatus };
}

interface Cursor {
  createdAt: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

function decodeCursor(value: string): Cursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && TIMESTAMP.test(createdAt) && typeof id === 'string' && UUID.test(id)) return { createdAt, id };
  } catch {
    // fall through to the refusal below
  }
  throw new CertificateError(CertificateErrorCode.INVALID_CURSOR, 'The cursor is not one this hub issued');
}

/** An issued certificate as a verification reads it: the row, and what remains of each item. */
export interface IssuedForVerification {
  certificate: CertificateRecord;
  balances: ItemBalance[];
}

// The columns a certificate's view never shows (toCertificateView): left out of the reads made for a view.
const VIEW_OMITS = new Set(['canonical_document', 'signature_cms', 'signature_check_mac']);
// The column a view's read gives the document in, as JSON text.
const DOCUMENT_JSON = 'document_json';
// Grouped reads (of one kind of caller, or by reference for verifications): at most two statements in
// flight per process, the rest gathering behind them.
const READ_GROUP = { maxItems: 500, maxInFlight: 2 } as const;
// Grouped reads that append audit entries commit, and the commit is what PostgreSQL spends most on:
// one in flight per process, so the reads that come while it commits gather into the next one.
// Against two in flight (GET as the importing customs, 10 clients, three scratch runs of alternating
// 5-s windows, 14 pairs with 1 and 2 API processes): the rate higher in 12 pairs; PostgreSQL's CPU
// per read 0.21 to 0.25 ms against 0.25 to 0.31 with 1 process, 0.38 to 0.44 against 0.46 to 0.52
// with 2. Reads that commit nothing stay at two, which their rate prefers (GET as the issuer: one
// in flight read less in 3 of 4 pairs).
const AUDITED_READ_GROUP = { maxItems: 500, maxInFlight: 1 } as const;
// The largest copy number the column holds (integer).
const MAX_INT4 = 2 ** 31 - 1;

// PostgreSQL's text holds no NUL character: such an identity names no certificate.
const fitsIdentity = (value: string): boolean => !value.includes('\u0000');

/** A verification's reference to an issued certificate. */
interface IssuedReference {
  issuingAuthorityCode: string;
  certificateNumber: string;
  copyNumber: number;
}

/** Reads of certificates, each within what the caller may see; reads by others than the issuer are audited. */
@Injectable()
export class CertificateQueriesService {
  private viewColumnList?: string;
  private readonly reads = new Map<string, StatementBatcher<GroupedRead, Record<string, unknown> | undefined>>();

  constructor(
    @InjectRepository(CertificateEntity) private readonly certificates: Repository<CertificateEntity>,
    @InjectRepository(CertificateEventEntity) private readonly events: Repository<CertificateEventEntity>,
    private readonly audit: AuditService,
    private readonly transmission: DeliveryQueriesService,
    private readonly dataSource: DataSource,
  ) {}

  /** The certificate if the caller may see it; 404 otherwise, so numbers cannot be probed. */
  async findVisible(principal: Principal, id: string): Promise<CertificateEntity> {
    return (await this.findViewed(principal, id)).certificate;
  }

  /** The certificate and as what the caller looks at it (domain/viewer.ts), which decides what it sees of it; 404 as findVisible. */
  async findViewed(principal: Principal, id: string): Promise<{ certificate: CertificateEntity; viewer: Viewer }> {
    const certificate = await this.certificates.findOne({ where: { id } });
    const viewer = certificate && viewerOf(principal, certificate);
    if (!certificate || !viewer) throw CertificateError.notFound();
    return { certificate, viewer };
  }

  /** A certificate the caller may see, its read recorded like any other (for reads served elsewhere: signed document, signature). */
  async openForRead(principal: Principal, id: string): Promise<CertificateEntity> {
    return (await this.readAudited(principal, id)).certificate;
  }

  /**
   * findViewed and the read's audit entry in one statement (issue 14: a read is one round trip): the
   * entry is appended beside the SELECT when the SQL condition (audited-read-condition.ts) holds,
   * which it never does where viewerOf refuses. Were the condition narrower than the domain for some
   * read, that read is recorded apart, so no audited read goes unrecorded. The read goes out with the
   * concurrent reads of callers of its kind (groupOf).
   */
  private async readAudited(principal: Principal, id: string, columns: 'all' | 'view' = 'all'): Promise<{ certificate: CertificateEntity; viewer: Viewer; documentJson?: string | null }> {
    const row = await this.groupOf(auditedReadKind(principal), columns).add({ principal, id });
    const certificate = row && hydrateRow<CertificateEntity>(this.dataSource, this.certificates.metadata, row);
    const viewer = certificate && viewerOf(principal, certificate);
    if (!certificate || !viewer) throw CertificateError.notFound();
    if (row[READ_RECORDED] !== true) await this.recordRead(principal, [certificate], AuditAction.CERTIFICATE_READ);
    return { certificate, viewer, documentJson: row[DOCUMENT_JSON] as string | null | undefined };
  }

  /**
   * The reads of concurrent callers of one kind in one statement (StatementBatcher: a read goes out
   * at once when no statement of its group is in flight, or one for reads no entry records, else
   * with those that gathered meanwhile). Where a read may be audited, each row's entry is appended
   * when its own condition holds, and the statement commits on its own: one commit for a group
   * where each read that appends an entry cost one of its own (issue 14: the commit was most of what
   * PostgreSQL spent on GET as the importing customs); each answers when its group's statement has
   * committed. The reads no entry ever records (an issuer that is not customs: `kind` undefined) are
   * a plain SELECT, grouped as well.
   */
  private groupOf(kind: AuditedReadKind | undefined, columns: 'all' | 'view'): StatementBatcher<GroupedRead, Record<string, unknown> | undefined> {
    const key = `${kind ?? 'none'}:${columns}`;
    let group = this.reads.get(key);
    if (!group) {
      group = new StatementBatcher((reads: GroupedRead[]) => this.readGroup(kind, columns, reads), kind ? AUDITED_READ_GROUP : READ_GROUP);
      this.reads.set(key, group);
    }
    return group;
  }

  private async readGroup(kind: AuditedReadKind | undefined, columns: 'all' | 'view', reads: GroupedRead[]): Promise<(Record<string, unknown> | undefined)[]> {
    // An id that is no UUID names no certificate, and would fail the whole group's statement.
    const asked = reads.map((read, i) => ({ read, i })).filter(({ read }) => UUID.test(read.id));
    const found: (Record<string, unknown> | undefined)[] = new Array(reads.length).fill(undefined);
    if (asked.length === 0) return found;
    const read = groupedReadStatement(
      kind,
      asked.map(({ read }) => read),
      this.columnsOf(columns),
    );
    const statement = !kind
      ? read
      : this.audit.readRecorded({
          read,
          actor: { column: READ_ACTOR },
          action: AuditAction.CERTIFICATE_READ,
          entityType: 'certificate',
          entityIdColumn: 'id',
          recordColumn: 'audited',
          detailColumns: { certificateNumber: 'certificate_number' },
        });
    const rows = (await this.dataSource.query(statement.text, statement.values)) as Record<string, unknown>[];
    for (const row of rows) {
      const at = asked[Number(row[READ_NUMBER]) - 1].i;
      delete row[READ_NUMBER];
      delete row[READ_ACTOR];
      found[at] = row;
    }
    return found;
  }

  private columnsOf(columns: 'all' | 'view'): string | undefined {
    return columns === 'view' ? this.viewColumns() : undefined;
  }

  /**
   * An issued (not draft) certificate by its identity, whoever asks, with the balances of its items:
   * for verification, which decides what the caller may see of it and audits that itself.
   */
  async findIssuedByReference(issuingAuthorityCode: string, certificateNumber: string, copyNumber: number): Promise<IssuedForVerification | null> {
    // An identity no certificate can have (a NUL, a copy number past the column's range) is not
    // looked for: sent with others, it would fail their statement.
    if (!fitsIdentity(issuingAuthorityCode) || !fitsIdentity(certificateNumber) || !Number.isInteger(copyNumber) || copyNumber < 0 || copyNumber > MAX_INT4) return null;
    const row = await this.byReference.add({ issuingAuthorityCode, certificateNumber, copyNumber });
    return row ? this.issuedFrom(row) : null;
  }

  /** An issued certificate by the token of its public verification page, with the balances of its items. */
  async findIssuedByVerificationToken(token: string): Promise<IssuedForVerification | null> {
    return this.issuedWhere('c.verification_token = $1', [token]);
  }

  /**
   * The verifications' read: the certificate and its uses in one statement, in plain SQL hydrated as a
   * find would be (TypeORM's query builder cost more CPU than the rest of a verification's reads
   * together, issue 14's profile of verification; the uses were a second round trip).
   */
  private async issuedWhere(condition: string, values: unknown[]): Promise<IssuedForVerification | null> {
    const rows = (await this.dataSource.query(`SELECT c.*, ${usesColumn('c')} AS uses FROM certificates c WHERE ${condition} AND c.status <> 'DRAFT' LIMIT 1`, values)) as Record<string, unknown>[];
    return rows[0] ? this.issuedFrom(rows[0]) : null;
  }

  private issuedFrom(row: Record<string, unknown>): IssuedForVerification {
    const certificate = hydrateRow<CertificateEntity>(this.dataSource, this.certificates.metadata, row);
    return { certificate, balances: balancesOf(certificate.document, row.uses) };
  }

  /**
   * The verifications' reads by reference of concurrent callers in one statement (StatementBatcher,
   * two in flight per process): what each statement costs PostgreSQL and the API process beside the
   * read itself is paid once for the group. The text does not depend on the group's size.
   */
  private readonly byReference = new StatementBatcher(async (references: IssuedReference[]): Promise<(Record<string, unknown> | undefined)[]> => {
    const rows = (await this.dataSource.query(
      `SELECT q.n AS ${READ_NUMBER}, c.*, ${usesColumn('c')} AS uses ` +
        `FROM unnest($1::text[], $2::text[], $3::int[]) WITH ORDINALITY AS q(code, number, copy, n) ` +
        `JOIN LATERAL (SELECT * FROM certificates c WHERE c.issuing_authority_code = q.code AND c.certificate_number = q.number AND c.copy_number = q.copy AND c.status <> 'DRAFT' LIMIT 1) c ON true`,
      [references.map((r) => r.issuingAuthorityCode), references.map((r) => r.certificateNumber), references.map((r) => r.copyNumber)],
    )) as Record<string, unknown>[];
    const found: (Record<string, unknown> | undefined)[] = new Array(references.length).fill(undefined);
    for (const row of rows) found[Number(row[READ_NUMBER]) - 1] = row;
    return found;
  }, READ_GROUP);

  /** The number of a certificate (a replacement's, say), or null. */
  async numberOf(id: string): Promise<string | null> {
    const found = await this.certificates.findOne({ where: { id }, select: { id: true, certificateNumber: true } });
    return found?.certificateNumber ?? null;
  }

  /** The certificate's view, its document as PostgreSQL wrote it (core/http/raw-json-member.ts): never parsed here. */
  async get(principal: Principal, id: string): Promise<JsonWithRawMember> {
    const { certificate, documentJson } = await this.readAudited(principal, id, 'view');
    return JsonWithRawMember.of(toCertificateView(certificate), 'document', documentJson ?? null);
  }

  /**
   * Every column but the two a view never shows, the canonical document and its CMS signature (bytes
   * that node-postgres decodes from hex on every read: issue 14's profile of GET as the issuer); the
   * document as JSON text, in DOCUMENT_JSON, left for the answer to carry as it is.
   */
  private viewColumns(): string {
    this.viewColumnList ??= [
      ...this.certificates.metadata.columns.filter((column) => !VIEW_OMITS.has(column.databaseName) && column.databaseName !== 'document').map((column) => `c."${column.databaseName}"`),
      `c.document::text AS ${DOCUMENT_JSON}`,
    ].join(', ');
    return this.viewColumnList;
  }

  /** The history of a certificate, as much of it as the caller's role sees (domain/history-view.ts). */
  async history(principal: Principal, id: string): Promise<CertificateEventView[]> {
    const { viewer } = await this.readAudited(principal, id, 'view');
    const events = await this.events.find({ where: { certificateId: id }, order: { occurredAt: 'ASC', id: 'ASC' } });
    return historyFor(
      viewer,
      events.map((e) => ({ id: e.id, type: e.type, fromStatus: e.fromStatus, toStatus: e.toStatus, actor: e.actor, occurredAt: e.occurredAt.toISOString(), data: e.data })),
    );
  }

  /**
   * One event of a certificate's history as the caller sees it in GET /v1/certificates/{id}/events,
   * with the certificate's identity and states, or null when the caller may not see the certificate
   * or that event (a webhook subscriber's, checked again at each send). A read for a send is recorded
   * as a read through the API would be.
   */
  async eventAsSeenBy(principal: Principal, certificateId: string, eventId: string, options: { recordRead: boolean }): Promise<SeenCertificateEvent | null> {
    const certificate = await this.certificates.findOne({ where: { id: certificateId } });
    const viewer = certificate && viewerOf(principal, certificate);
    if (!certificate || !viewer) return null;
    const events = await this.events.find({ where: { certificateId }, order: { occurredAt: 'ASC', id: 'ASC' } });
    const seen = historyFor(
      viewer,
      events.map((e) => ({ id: e.id, type: e.type, fromStatus: e.fromStatus, toStatus: e.toStatus, actor: e.actor, occurredAt: e.occurredAt.toISOString(), data: e.data })),
    ).find((e) => e.id === eventId);
    if (!seen) return null;
    if (options.recordRead) await this.recordRead(principal, [certificate], AuditAction.CERTIFICATE_READ);
    return { certificate: summaryOf(certificate), event: seen };
  }

  /**
   * One delivery of a certificate's messages as the caller sees it in GET /v1/certificates/{id}/deliveries,
   * with the certificate's identity, or null when the caller may not see the certificate or that delivery.
   */
  async deliveryAsSeenBy(principal: Principal, certificateId: string, deliveryId: string, options: { recordRead: boolean }): Promise<SeenCertificateDelivery | null> {
    const certificate = await this.certificates.findOne({ where: { id: certificateId } });
    const viewer = certificate && viewerOf(principal, certificate);
    if (!certificate || !viewer) return null;
    const delivery = deliveriesFor(viewer, certificate, await this.transmission.ofCertificate(certificateId)).find((d) => d.id === deliveryId);
    if (!delivery) return null;
    if (options.recordRead) await this.recordRead(principal, [certificate], AuditAction.CERTIFICATE_READ);
    return { certificate: summaryOf(certificate), delivery };
  }

  /** What decides whether a subscription's filter takes a certificate's events (agreement, countries). */
  async filterFactsOf(ids: string[]): Promise<Map<string, { agreement: string | null; exportCountry: string; importCountry: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.certificates.find({ where: { id: In(ids) }, select: { id: true, agreement: true, exportCountry: true, importCountry: true } });
    return new Map(rows.map((r) => [r.id, { agreement: r.agreement, exportCountry: r.exportCountry, importCountry: r.importCountry }]));
  }

  /**
   * Each recipient's delivery of the certificate's messages, for whoever may see the certificate,
   * cut to the role they see it in (domain/deliveries-view.ts); anyone else gets 404.
   */
  async deliveries(principal: Principal, id: string): Promise<DeliveryView[]> {
    const { certificate, viewer } = await this.findViewed(principal, id);
    return deliveriesFor(viewer, certificate, await this.transmission.ofCertificate(id));
  }

  async list(principal: Principal, query: ListCertificatesQuery): Promise<CertificatePageView> {
    const limit = query.limit ? Number(query.limit) : 50;
    const qb = this.certificates.createQueryBuilder('c');
    this.restrictToVisible(qb, principal);
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.importStatus) qb.andWhere('c.import_status = :importStatus', { importStatus: query.importStatus });
    if (query.origin) qb.andWhere('c.origin = :origin', { origin: query.origin });
    if (query.certificateNumber) qb.andWhere('c.certificate_number = :number', { number: query.certificateNumber });
    if (query.ucr) qb.andWhere('c.ucr = :ucr', { ucr: query.ucr });
    if (query.exportCountry) qb.andWhere('c.export_country = :exportCountry', { exportCountry: query.exportCountry });
    if (query.importCountry) qb.andWhere('c.import_country = :importCountry', { importCountry: query.importCountry });
    if (query.exporter) qb.andWhere('c.exporter_id = :exporter', { exporter: query.exporter });
    if (query.consignee) qb.andWhere('c.consignee_id = :consignee', { consignee: query.consignee });
    if (query.issuedFrom) qb.andWhere('c.issue_date_time >= :issuedFrom', { issuedFrom: query.issuedFrom });
    if (query.issuedTo) qb.andWhere('c.issue_date_time < :issuedTo', { issuedTo: query.issuedTo });
    if (query.createdFrom) qb.andWhere('c.created_at >= :createdFrom', { createdFrom: query.createdFrom });
    if (query.createdTo) qb.andWhere('c.created_at < :createdTo', { createdTo: query.createdTo });
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      qb.andWhere('(c.created_at, c.id) < (:cursorAt::timestamptz, :cursorId::uuid)', { cursorAt: cursor.createdAt, cursorId: cursor.id });
    }
    qb.addSelect(`to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'cursor_at')
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(limit + 1);
    const { entities, raw } = await qb.getRawAndEntities<{ cursor_at: string }>();
    const page = entities.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = entities.length > limit && last ? encodeCursor({ createdAt: raw[page.length - 1].cursor_at, id: last.id }) : null;
    await this.recordRead(principal, page, AuditAction.CERTIFICATES_LISTED);
    return { items: page.map(toCertificateView), nextCursor };
  }

  private restrictToVisible(qb: SelectQueryBuilder<CertificateEntity>, principal: Principal): void {
    switch (principal.kind) {
      case PrincipalKind.OPERATOR:
        return;
      case PrincipalKind.TRADER:
        qb.andWhere('c.status <> :draft', { draft: CertificateStatus.DRAFT }).andWhere(
          new Brackets((w) => w.where('c.exporter_id = :party', { party: principal.partyId }).orWhere('c.consignee_id = :party', { party: principal.partyId })),
        );
        return;
      case PrincipalKind.AUTHORITY:
        qb.andWhere(
          new Brackets((w) => {
            w.where('false');
            if (principal.roles.includes(AuthorityRole.ISSUER)) w.orWhere('c.issuing_authority_id = :authorityId', { authorityId: principal.authorityId });
            if (principal.roles.includes(AuthorityRole.CUSTOMS)) {
              w.orWhere(new Brackets((x) => x.where('c.status <> :draft', { draft: CertificateStatus.DRAFT }).andWhere('c.import_country = :country', { country: principal.country })));
            }
          }),
        );
        return;
    }
  }

  private async recordRead(principal: Principal, certificates: CertificateEntity[], action: AuditAction): Promise<void> {
    const others = certificates.filter((c) => !isIssuerOf(principal, c));
    if (others.length === 0) return;
    await this.audit.record(
      others.map((c) => ({ actor: principalLabel(principal), action, entityType: 'certificate', entityId: c.id, details: { certificateNumber: c.certificateNumber } })),
    );
  }
}
