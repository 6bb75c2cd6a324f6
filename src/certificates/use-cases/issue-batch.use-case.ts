import { Injectable } from '@nestjs/common';
import { canonicalJson } from '../../core/canonical/canonical-json';
import { AuthorityPrincipal } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { DomainError } from '../../core/errors/domain-error';
import { toProblem } from '../../core/errors/problem.filter';
import { RequestError } from '../../core/errors/request-error';
import { readBatch } from '../../core/http/batch-body';
import { IdempotencyRecords, IdempotencyScope, IdempotentAnswer } from '../../core/http/idempotency-records';
import { Tx, UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { DatasetService } from '../../dataset/dataset.service';
import { CertificateError, CertificateErrorCode } from '../certificate.error';
import { CertificateStore } from '../certificate-store';
import { BatchItemOutcome, CertificateBatchItemView, CertificateBatchView } from '../dto/certificate-batch.view';
import { toCertificateView } from '../dto/certificate.view';
import { CertificateStatus } from '../domain/certificate-status';
import type { CertificateEntity } from '../entities/certificate.entity';
import { CreateCertificateUseCase } from './create-certificate.use-case';
import { IssueCertificateUseCase } from './issue-certificate.use-case';

/** Fields the hub sets at issue, which a posted document never carries. */
const SET_AT_ISSUE = ['issuingAuthority', 'issueDateTime', 'copyNumber'];

export interface BatchRequest {
  /** Where per-item problems say they come from (the request's path and id). */
  request: { id?: string; url?: string };
  scope?: IdempotencyScope;
}

/** The batch's answer, and whether it is the stored first answer to the same Idempotency-Key. */
export type BatchAnswer = IdempotentAnswer & { replayed: boolean };

/**
 * POST /v1/certificates/batch: each certificate created and issued by the single endpoints' use
 * cases, in a savepoint of its own within one transaction, so one refused item undoes nothing of the
 * others. The Idempotency-Key answer is stored in that transaction. An item whose number this issuer
 * already issued with the very same content gives that certificate back instead of a 409.
 */
@Injectable()
export class IssueBatchUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly create: CreateCertificateUseCase,
    private readonly issue: IssueCertificateUseCase,
    private readonly dataset: DatasetService,
    private readonly store: CertificateStore,
    private readonly records: IdempotencyRecords,
    private readonly clock: Clock,
  ) {}

  async execute(principal: AuthorityPrincipal, body: unknown, batch: BatchRequest): Promise<BatchAnswer> {
    const read = readBatch(body, 'certificates');
    if ('violations' in read) throw RequestError.validation(read.violations);
    return this.uow.run(async (tx) => {
      const stored = batch.scope && (await this.records.claim(tx.manager, batch.scope));
      if (stored) return { ...stored, replayed: true };
      // Certificates this batch issued or found issued, by number: the same item twice is issued once.
      const issuedBefore = new Map<string, CertificateEntity>();
      // The numbers already used, read once: an item under one is refused as its create would refuse
      // it, before it is signed (its row is written last, issued), and a batch posted again signs nothing.
      const taken = await this.store.numbersTaken(tx.manager, principal.authorityId, read.items.map(numberOf));
      const results: CertificateBatchItemView[] = [];
      for (const [index, item] of read.items.entries()) results.push(await this.item(tx, principal, item, index, { issuedBefore, taken }, batch));
      const answer = { status: 200, body: summarise(results) };
      if (batch.scope) await this.records.complete(tx.manager, batch.scope, answer);
      return { ...answer, replayed: false };
    });
  }

  private async item(
    tx: Tx,
    principal: AuthorityPrincipal,
    item: unknown,
    index: number,
    { issuedBefore, taken }: { issuedBefore: Map<string, CertificateEntity>; taken: Set<string> },
    batch: BatchRequest,
  ): Promise<CertificateBatchItemView> {
    const before = issuedBefore.get(numberOf(item) ?? '');
    if (before && this.sameContent(before, item)) return { index, outcome: BatchItemOutcome.ALREADY_ISSUED, status: 200, certificate: toCertificateView(before) };
    try {
      const certificate = await tx.savepoint(async (inner) => {
        // Created and issued at one instant: the rules the create ran are the ones the issue would run,
        // and the row is written once, issued, with both changes' events and audit entries.
        const now = this.clock.now();
        const created = await this.create.within(inner, principal, item, now);
        // Checked after the rules, as the single create checks the number at its insert.
        if (taken.has(created.certificate.certificateNumber)) throw CertificateError.numberTaken(created.certificate.certificateNumber);
        return this.issue.issueLocked(inner, principal, created.certificate, now, { validated: created.validated });
      });
      issuedBefore.set(certificate.certificateNumber, certificate);
      taken.add(certificate.certificateNumber);
      return { index, outcome: BatchItemOutcome.ISSUED, status: 201, certificate: toCertificateView(certificate) };
    } catch (error) {
      // Anything but a refusal the single endpoints would answer (a database down, a defect) fails the batch.
      if (!(error instanceof DomainError)) throw error;
      if (error instanceof CertificateError && error.code === CertificateErrorCode.CERTIFICATE_NUMBER_TAKEN) {
        // Issued before (a batch posted again), or meanwhile by another request.
        const taken = await this.store.findOwnByNumber(tx.manager, principal.authorityId, numberOf(item) ?? '');
        if (taken && taken.status !== CertificateStatus.DRAFT && this.sameContent(taken, item)) {
          issuedBefore.set(taken.certificateNumber, taken);
          return { index, outcome: BatchItemOutcome.ALREADY_ISSUED, status: 200, certificate: toCertificateView(taken) };
        }
      }
      const problem = toProblem(error, batch.request);
      return { index, outcome: BatchItemOutcome.FAILED, status: problem.status, problem };
    }
  }

  /** The posted document, in the form a create stores, is the issued one without what the hub set at issue. */
  private sameContent(issued: CertificateEntity, item: unknown): boolean {
    const posted = this.dataset.contentOf(item);
    if (!posted) return false;
    const content = Object.fromEntries(Object.entries(issued.document).filter(([key]) => !SET_AT_ISSUE.includes(key)));
    return canonicalJson(content) === canonicalJson(posted);
  }
}

function numberOf(item: unknown): string | undefined {
  const number = typeof item === 'object' && item !== null ? (item as { certificateNumber?: unknown }).certificateNumber : undefined;
  return typeof number === 'string' ? number : undefined;
}

function summarise(results: CertificateBatchItemView[]): CertificateBatchView {
  const count = (outcome: BatchItemOutcome) => results.filter((r) => r.outcome === outcome).length;
  return { issued: count(BatchItemOutcome.ISSUED), alreadyIssued: count(BatchItemOutcome.ALREADY_ISSUED), failed: count(BatchItemOutcome.FAILED), results };
}
