import { HttpStatus } from '@nestjs/common';
import { CodedError } from './coded-error';
import { DomainError } from './domain-error';

enum SampleCode {
  MISSING = 'MISSING',
  TAKEN = 'TAKEN',
}

const SAMPLE_STATUS = { [SampleCode.MISSING]: HttpStatus.NOT_FOUND, [SampleCode.TAKEN]: HttpStatus.CONFLICT } satisfies Record<SampleCode, HttpStatus>;

class SampleError extends CodedError<SampleCode> {
  constructor(code: SampleCode, message: string, extra?: Record<string, unknown>) {
    super(code, message, SAMPLE_STATUS, { extra });
  }
}

describe('CodedError', () => {
  it("answers each code's status from the feature's table, as a DomainError named after its class", () => {
    const missing = new SampleError(SampleCode.MISSING, 'No such thing', { id: 'x' });
    expect(missing.httpStatus()).toBe(404);
    expect(new SampleError(SampleCode.TAKEN, 'Taken').httpStatus()).toBe(409);
    expect(missing).toBeInstanceOf(DomainError);
    expect(missing).toMatchObject({ name: 'SampleError', code: 'MISSING', message: 'No such thing', extra: { id: 'x' } });
  });

  it('keeps the table out of what the error shows (its own keys, its JSON)', () => {
    const error = new SampleError(SampleCode.TAKEN, 'Taken');
    expect(JSON.stringify(error)).not.toContain('409');
    expect(Object.keys(error)).not.toContain('statuses');
  });
});
