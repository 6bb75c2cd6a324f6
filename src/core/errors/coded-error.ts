import type { HttpStatus } from '@nestjs/common';
import { DomainError } from './domain-error';
import type { Violation } from './violation';

/** Each feature's table from its codes to HTTP statuses: `{ ... } satisfies Record<Code, HttpStatus>`. */
export type StatusTable<C extends string> = Readonly<Record<C, HttpStatus>>;

/**
 * A feature's coded exception: its code and the status its table gives that code. A feature declares
 * the table with `satisfies Record<Code, HttpStatus>`, so a new code without a status does not compile.
 */
export abstract class CodedError<C extends string> extends DomainError {
  readonly #statuses: StatusTable<C>;

  protected constructor(
    readonly code: C,
    message: string,
    statuses: StatusTable<C>,
    options?: { violations?: Violation[]; extra?: Record<string, unknown> },
  ) {
    super(message, options);
    this.#statuses = statuses;
  }

  httpStatus(): number {
    return this.#statuses[this.code];
  }
}
