import { stdSerializers } from 'pino';
import { QueryFailedError } from 'typeorm';
import { serializeError } from '../logging/logging.module';
import { describeDatabaseError, loggableMessage } from './pg-errors';

// A node-postgres DatabaseError as the driver raises it: the detail quotes the row's values.
function driverError(): Error {
  return Object.assign(new Error('duplicate key value violates unique constraint "uq_api_keys_secret_hash"'), {
    severity: 'ERROR',
    code: '23505',
    detail: 'Key (secret_hash)=(5f2b9c-HASH-VALUE) already exists.',
    table: 'api_keys',
    constraint: 'uq_api_keys_secret_hash',
    routine: '_bt_check_unique',
  });
}

describe('database errors in logs', () => {
  const failed = new QueryFailedError('INSERT INTO "api_keys" ("secret_hash", "encrypted_key") VALUES ($1, $2)', ['5f2b9c-HASH-VALUE', 'ENCRYPTED-KEY-BYTES'], driverError());

  it('keep the purpose, the code and the constraint, never the parameters or the detail', () => {
    expect(describeDatabaseError(failed)).toEqual({ type: 'DatabaseError', purpose: 'INSERT INTO api_keys', code: '23505', constraint: 'uq_api_keys_secret_hash', table: 'api_keys' });
    const logged = JSON.stringify(serializeError(failed));
    expect(logged).not.toContain('HASH-VALUE');
    expect(logged).not.toContain('ENCRYPTED-KEY-BYTES');
    expect(logged).toContain('23505');
  });

  it('are reduced also as pino-http calls the serializer: after its own, with the error as `raw`', () => {
    const wrapped = stdSerializers.wrapErrorSerializer(serializeError as (err: unknown) => Record<string, unknown>);
    expect(wrapped(failed as unknown as Error)).toEqual({ type: 'DatabaseError', purpose: 'INSERT INTO api_keys', code: '23505', constraint: 'uq_api_keys_secret_hash', table: 'api_keys' });
    expect(wrapped(new Error('boom'))).toMatchObject({ type: 'Error', message: 'boom' });
  });

  it('reduce a database error wrapped as the cause of another', () => {
    const wrapped = new Error('could not record', { cause: failed });
    expect(JSON.stringify(serializeError(wrapped))).not.toContain('ENCRYPTED-KEY-BYTES');
    expect(serializeError(wrapped)).toMatchObject({ message: 'could not record', cause: { code: '23505' } });
    expect(loggableMessage(failed)).toBe('database error 23505 on uq_api_keys_secret_hash (INSERT INTO api_keys)');
  });

  it('name the purpose of updates, deletes and selects by their table', () => {
    const of = (sql: string) => describeDatabaseError(new QueryFailedError(sql, ['x'], driverError()))?.purpose;
    expect(of('UPDATE inbound_envelopes SET status = $2 WHERE id = $1')).toBe('UPDATE inbound_envelopes');
    expect(of('DELETE FROM public_rate_limits WHERE window_start < $1')).toBe('DELETE FROM public_rate_limits');
    expect(of('SELECT a, b FROM "certificates" "c" WHERE c.id = $1')).toBe('SELECT FROM certificates');
  });

  it('leave other errors as pino writes them', () => {
    expect(describeDatabaseError(new Error('boom'))).toBeUndefined();
    expect(serializeError(new Error('boom'))).toMatchObject({ type: 'Error', message: 'boom' });
  });
});
