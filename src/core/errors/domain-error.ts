import type { Violation } from './violation';

/**
 * The base of every feature's coded exception. Services throw these (never HTTP exceptions); the
 * global filter turns them into problem+json, and processors into BullMQ's UnrecoverableError.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly violations?: Violation[];
  readonly extra?: Record<string, unknown>;

  protected constructor(message: string, options?: { violations?: Violation[]; extra?: Record<string, unknown> }) {
    super(message);
    this.name = new.target.name;
    this.violations = options?.violations;
    this.extra = options?.extra;
  }

  /** The HTTP status of this error; each feature maps its codes with a table (coded-error.ts). */
  abstract httpStatus(): number;
}
