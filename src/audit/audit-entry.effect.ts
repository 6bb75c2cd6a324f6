import { effectKind } from '../core/unit-of-work/effects';
import type { AuditInput } from './audit.service';

/** An audit entry of a state change, written with it, content only: the sequencer chains it after commit. */
export const AUDIT_ENTRY = effectKind<AuditInput>('audit-entry', 1000);
