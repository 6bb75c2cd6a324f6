import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomInt } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../core/clock/clock';
import { hubConfig } from '../../core/config/hub.config';
import { plannedPerCall } from '../../core/database/prepared-statements';
import { NodeSigner } from '../../core/signing/node-signer';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { pemToDer } from '../../pki/crypto/x509';
import { CertificateError, CertificateErrorCode } from '../certificate.error';
import type { CertificateStatus } from '../domain/certificate-status';
import { emptyBitstring, encodeList, entriesOf, grown, MIN_LIST_ENTRIES, statusAt, withStatus } from './domain/bitstring';
import { compactJws, jwsSigningInput } from './domain/compact-jws';
import { messageOf, StatusPurpose, STATUS_PURPOSES, STATUS_SIZE, statusValue } from './domain/credential-status';
import { statusListCredential, statusListUrl, VC_JWT_TYPE, type StatusEntryInput } from './domain/verifiable-credential';
import { CREDENTIAL_STATUS_CHANGE, CredentialStatusChange } from './credential-status.effect';

interface ListRow {
  id: string;
  authority_code: string;
  purpose: StatusPurpose;
  status_size: number;
  entries: number;
  bits: Buffer;
}

// Draws of a random index before the list is deemed full enough to double (1 in 65,536 at half full).
const DRAWS_BEFORE_GROWING = 16;

/**
 * Each issuing authority's Bitstring Status Lists (W3C Bitstring Status List v1.0): a `revocation`
 * list (1 bit, set when CANCELLED) and a `message` list (2 bits: ISSUED, REPLACED, CANCELLED). A
 * certificate gets a random index in each when its credential is made; a status change sets the bits
 * and signs the list again in the change's own transaction (the CREDENTIAL_STATUS_CHANGE effect), so a
 * committed change is always published and a rolled-back one never is. Lists are signed with the
 * node key (NodeSigner), which keeps working when an authority's key is revoked.
 */
@Injectable()
export class CredentialStatusLists implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly node: NodeSigner,
    private readonly clock: Clock,
    @Inject(hubConfig.KEY) private readonly config: ConfigType<typeof hubConfig>,
  ) {}

  onModuleInit(): void {
    this.uow.register(CREDENTIAL_STATUS_CHANGE, { flush: (manager, changes) => this.apply(manager, changes) });
  }

  /**
   * The certificate's entries in its authority's lists, drawn now when it has none (the lists made on
   * an authority's first credential); a certificate no longer ISSUED gets its bits set at once.
   */
  async entriesFor(manager: EntityManager, certificate: { id: string; issuingAuthorityId: string; issuingAuthorityCode: string; status: CertificateStatus }): Promise<StatusEntryInput[]> {
    // Read FOR SHARE: a cancellation or replacement of this certificate (which locks its row FOR UPDATE)
    // waits for this transaction, so it sees the entries drawn here and the bits follow its change.
    const [current]: { status: CertificateStatus }[] = await manager.query(`SELECT status FROM certificates WHERE id = $1 FOR SHARE`, [certificate.id]);
    const entries: StatusEntryInput[] = [];
    for (const purpose of STATUS_PURPOSES) {
      const list = await this.listOf(manager, certificate.issuingAuthorityId, certificate.issuingAuthorityCode, purpose);
      const index = await this.indexIn(manager, list, certificate.id);
      const listUrl = statusListUrl(this.config.publicUrl, certificate.issuingAuthorityCode, purpose);
      entries.push({ purpose, index, listUrl, ...(purpose === StatusPurpose.MESSAGE ? { referenceUrl: `${listUrl}/${index}` } : {}) });
    }
    await this.apply(manager, [{ certificateId: certificate.id, status: current.status }]);
    return entries;
  }

  /** The list credential as published (compact JWS, typ vc+jwt); a coded 404 when there is none. */
  async published(authorityCode: string, purpose: string): Promise<string> {
    const [row]: { credential: string }[] = await this.dataSource.query(`SELECT credential FROM credential_status_lists WHERE authority_code = $1 AND purpose = $2`, [authorityCode, purpose]);
    if (!row) throw notFound(authorityCode, purpose);
    return row.credential;
  }

  /**
   * What one entry of a message list stands for now, and for a REPLACED certificate the reference of
   * its replacement (issuing authority, number, copy), which POST /v1/verifications resolves.
   */
  async entry(authorityCode: string, index: number): Promise<Record<string, unknown>> {
    const rows: { bits: Buffer; replacement_authority: string | null; replacement_number: string | null; replacement_copy: number | null }[] = await this.dataSource.query(
      `SELECT l.bits, r.issuing_authority_code AS replacement_authority, r.certificate_number AS replacement_number, r.copy_number AS replacement_copy
         FROM credential_status_lists l
         JOIN credential_status_entries e ON e.list_id = l.id AND e.status_index = $3
         JOIN certificates c ON c.id = e.certificate_id
         LEFT JOIN certificates r ON r.id = c.replaced_by_id
        WHERE l.authority_code = $1 AND l.purpose = $2`,
      [authorityCode, StatusPurpose.MESSAGE, index],
    );
    const row = rows[0];
    if (!row) throw notFound(authorityCode, StatusPurpose.MESSAGE, index);
    const value = statusAt(row.bits, index, STATUS_SIZE[StatusPurpose.MESSAGE]);
    const listUrl = statusListUrl(this.config.publicUrl, authorityCode, StatusPurpose.MESSAGE);
    return {
      statusListCredential: listUrl,
      statusListIndex: String(index),
      status: `0x${value.toString(16)}`,
      message: messageOf(value),
      ...(messageOf(value) === 'REPLACED' && row.replacement_number
        ? { replacedBy: { issuingAuthority: row.replacement_authority, certificateNumber: row.replacement_number, copyNumber: row.replacement_copy } }
        : {}),
    };
  }

  /** Sets the bits of every list holding these certificates, and signs each changed list once. */
  private async apply(manager: EntityManager, changes: readonly CredentialStatusChange[]): Promise<void> {
    const statusOf = new Map(changes.map((change) => [change.certificateId, change.status]));
    const entries: { list_id: string; status_index: number; certificate_id: string; purpose: StatusPurpose; status_size: number; bits: Buffer }[] = await manager.query(
      plannedPerCall(`SELECT e.list_id, e.status_index, e.certificate_id, l.purpose, l.status_size, l.bits
         FROM credential_status_entries e JOIN credential_status_lists l ON l.id = e.list_id
        WHERE e.certificate_id = ANY($1::uuid[])`),
      [[...statusOf.keys()]],
    );
    // Only lists with a bit to move are locked and signed again (a new credential of an ISSUED certificate moves none).
    const moving = entries.filter((entry) => statusAt(entry.bits, entry.status_index, entry.status_size) !== statusValue(entry.purpose, statusOf.get(entry.certificate_id) as CertificateStatus));
    const byList = new Map<string, typeof entries>();
    for (const entry of moving) byList.set(entry.list_id, [...(byList.get(entry.list_id) ?? []), entry]);
    // Locked in id order, so two changes touching the same lists cannot deadlock.
    for (const [listId, listEntries] of [...byList.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const list = await this.lock(manager, listId);
      let bits = list.bits;
      for (const entry of listEntries) {
        const value = statusValue(list.purpose, statusOf.get(entry.certificate_id) as CertificateStatus);
        if (statusAt(bits, entry.status_index, list.status_size) !== value) bits = withStatus(bits, entry.status_index, list.status_size, value);
      }
      if (bits !== list.bits) await this.store(manager, list, bits);
    }
  }

  private async listOf(manager: EntityManager, authorityId: string, authorityCode: string, purpose: StatusPurpose): Promise<ListRow> {
    const found = await this.find(manager, authorityId, purpose);
    if (found) return found;
    const bits = emptyBitstring(MIN_LIST_ENTRIES, STATUS_SIZE[purpose]);
    const credential = await this.sign(manager, authorityCode, purpose, bits);
    // Two first credentials of an authority at once: one list is kept, both use it.
    await manager.query(
      `INSERT INTO credential_status_lists (authority_id, authority_code, purpose, status_size, entries, bits, credential) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (authority_id, purpose) DO NOTHING`,
      [authorityId, authorityCode, purpose, STATUS_SIZE[purpose], MIN_LIST_ENTRIES, bits, credential],
    );
    return (await this.find(manager, authorityId, purpose)) as ListRow;
  }

  private async find(manager: EntityManager, authorityId: string, purpose: StatusPurpose): Promise<ListRow | undefined> {
    const [row]: ListRow[] = await manager.query(
      `SELECT id, authority_code, purpose, status_size, entries, bits FROM credential_status_lists WHERE authority_id = $1 AND purpose = $2`,
      [authorityId, purpose],
    );
    return row;
  }

  private async lock(manager: EntityManager, listId: string): Promise<ListRow> {
    const [row]: ListRow[] = await manager.query(`SELECT id, authority_code, purpose, status_size, entries, bits FROM credential_status_lists WHERE id = $1 FOR UPDATE`, [listId]);
    return row;
  }

  /**
   * The certificate's index in the list: its own if it has one, else a random free one (the database's
   * primary key refuses an index given twice). A list whose draws keep hitting taken indexes doubles,
   * its entries keeping their indexes, and is signed again.
   */
  private async indexIn(manager: EntityManager, list: ListRow, certificateId: string): Promise<number> {
    for (let round = 0; round < 8; round++) {
      for (let draw = 0; draw < DRAWS_BEFORE_GROWING; draw++) {
        const [own]: { status_index: number }[] = await manager.query(`SELECT status_index FROM credential_status_entries WHERE list_id = $1 AND certificate_id = $2`, [list.id, certificateId]);
        if (own) return own.status_index;
        const inserted: { status_index: number }[] = await manager.query(
          `INSERT INTO credential_status_entries (list_id, status_index, certificate_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING status_index`,
          [list.id, randomInt(list.entries), certificateId],
        );
        if (inserted.length > 0) return inserted[0].status_index;
      }
      const locked = await this.lock(manager, list.id);
      if (locked.entries === list.entries) {
        const bits = grown(locked.bits, locked.entries * 2, locked.status_size);
        await this.store(manager, locked, bits);
      }
      list = await this.lock(manager, list.id);
    }
    throw new Error(`no free index found in status list ${list.id}`);
  }

  private async store(manager: EntityManager, list: ListRow, bits: Buffer): Promise<void> {
    const credential = await this.sign(manager, list.authority_code, list.purpose, bits);
    await manager.query(`UPDATE credential_status_lists SET bits = $2, entries = $3, credential = $4, version = version + 1, updated_at = now() WHERE id = $1`, [
      list.id,
      bits,
      entriesOf(bits, list.status_size),
      credential,
    ]);
  }

  /** The BitstringStatusListCredential over these bits, as a compact JWS signed by the node key. */
  private async sign(manager: EntityManager, authorityCode: string, purpose: StatusPurpose, bits: Buffer): Promise<string> {
    const listUrl = statusListUrl(this.config.publicUrl, authorityCode, purpose);
    const payload = statusListCredential({ listUrl, nodeId: this.config.publicUrl, purpose, encodedList: encodeList(bits), validFrom: this.clock.now() });
    const signed = await this.node.signNaming(
      (signer) => jwsSigningInput({ alg: 'RS256', typ: VC_JWT_TYPE, x5c: [pemToDer(signer.certificatePem).toString('base64')] }, payload),
      'RSA-SHA256',
      manager,
    );
    return compactJws(Buffer.from(signed.bytes), signed.signature);
  }
}

function notFound(authorityCode: string, purpose: string, index?: number): CertificateError {
  return new CertificateError(
    CertificateErrorCode.STATUS_LIST_NOT_FOUND,
    index === undefined ? `No ${purpose} status list of ${authorityCode} is published here` : `No entry ${index} in the ${purpose} status list of ${authorityCode}`,
    { authority: authorityCode, purpose, ...(index === undefined ? {} : { index }) },
  );
}
