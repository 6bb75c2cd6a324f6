import { Injectable } from '@nestjs/common';
import { BoundedMap } from '../core/memory/bounded';

/** Drafts remembered at once; past it the oldest is forgotten (its issue checks the shape again). */
const REMEMBERED = 10_000;

/**
 * Drafts this process stored after checking their document's shape, each with the row version it
 * wrote (PostgreSQL's xmin, CertificateStore.rowVersionOf), for issue 14. When the issue of such a
 * draft reads it back at that same row version, the document is the stored form this process
 * checked, so the issue runs the dataset's rules on it without checking its shape and normalising it
 * once more (about 80 µs of CPU for the fixture's RCEP certificate, in a loop). Any later UPDATE of
 * the row, by the hub in any process or by hand in the database, is another transaction and makes a
 * row version with another xmin; such a draft, one stored by another process or build, and one
 * forgotten are checked in full as before. Nothing here says what a certificate holds: the row the
 * issue reads does.
 */
@Injectable()
export class CheckedDrafts {
  private readonly rowVersions = new BoundedMap<string, string>(REMEMBERED);

  /** The draft `id` is stored at `rowVersion`, its document checked by this process before it was written. */
  stored(id: string, rowVersion: string | undefined): void {
    if (rowVersion === undefined) this.rowVersions.delete(id);
    else this.rowVersions.set(id, rowVersion);
  }

  /** Whether the draft `id`, read at `rowVersion`, is the row this process stored after checking it. */
  unchanged(id: string, rowVersion: string | undefined): boolean {
    return rowVersion !== undefined && this.rowVersions.get(id) === rowVersion;
  }

  forget(id: string): void {
    this.rowVersions.delete(id);
  }
}
