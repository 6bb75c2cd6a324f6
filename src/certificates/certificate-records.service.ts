import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CertificateEvent } from './certificate-event.effect';
import type { CertificateRecord } from './certificate-record';
import { CertificateStore } from './certificate-store';

/**
 * What a module that keeps records beside a certificate (a verification case, a customs response)
 * may do to the certificate, in the caller's transaction: lock it first, as every writer of a
 * certificate does, so that writers never wait on each other in a circle; and add an entry to its
 * history. The certificate's row and its events stay this module's own.
 */
@Injectable()
export class CertificateRecords {
  constructor(private readonly store: CertificateStore) {}

  /** The certificate locked FOR UPDATE until the caller's transaction ends, or null when there is none. */
  lockForChange(manager: EntityManager, id: string): Promise<CertificateRecord | null> {
    return this.store.lockById(manager, id);
  }

  /** An entry in the certificate's history, written in the caller's transaction. */
  appendEvent(manager: EntityManager, event: CertificateEvent): Promise<void> {
    return this.store.appendEvent(manager, event);
  }
}
