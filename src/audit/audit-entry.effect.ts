import { effectKind } from '../core/unit-of-work/effects';
import type { AuditInput } from './audit.service';

/** An audit entry of a state change, written with it. Flushed last: appending may hold the chain's lock until commit. */
export const AUDIT_ENTRY = effectKind<AuditInput>('audit-entry', 1000);
