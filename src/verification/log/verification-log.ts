import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';

export interface VerificationLogEntry {
  verifiedAt: Date;
  caller: string;
  method: string;
  answerScope: string;
  certificateId: string | null;
  issuingAuthorityCode: string | null;
  certificateNumber: string | null;
  verdict: string;
  reasons: string[];
  // A full answer about a certificate to anyone but its issuer is a read of it, audited like any other.
  auditedRead?: { actor: string; certificateId: string; certificateNumber: string };
}

const MAX_TEXT = 35;

// A claimed number or code longer than the columns is not stored as is: it names no certificate.
const fit = (value: string | null): string | null => (value !== null && value.length <= MAX_TEXT ? value : null);

/** Appends every verification answered, and audits full answers given to others than the issuer. */
@Injectable()
export class VerificationLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async record(entry: VerificationLogEntry): Promise<void> {
    const insert = (run: (sql: string, values: unknown[]) => Promise<unknown>) =>
      run(
        `INSERT INTO verifications (verified_at, caller, method, answer_scope, certificate_id, issuing_authority_code, certificate_number, verdict, reasons)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          entry.verifiedAt,
          entry.caller.slice(0, 100),
          entry.method,
          entry.answerScope,
          entry.certificateId,
          fit(entry.issuingAuthorityCode),
          fit(entry.certificateNumber),
          entry.verdict,
          JSON.stringify(entry.reasons),
        ],
      );
    const read = entry.auditedRead;
    if (!read) {
      // A single statement commits on its own; no transaction (and no audit chain lock) for a public answer.
      await insert((sql, values) => this.dataSource.query(sql, values));
      return;
    }
    // The entry and the read's audit entry in one statement, sent alone (issue 14).
    await this.uow.runAlone(async (tx) => {
      tx.add(AUDIT_ENTRY, {
        actor: read.actor,
        action: AuditAction.CERTIFICATE_READ,
        entityType: 'certificate',
        entityId: read.certificateId,
        details: { certificateNumber: read.certificateNumber, via: 'verification' },
      });
      await insert((text, values) => tx.flushWith({ text, values }));
    });
  }
}
