import { randomBytes } from 'node:crypto';
import { BuiltHub } from '../support/built-hub';
import { eventually } from '../support/exchange';
import { useOwnDatabase } from '../support/own-database';
import { TEST_ADMIN_TOKEN } from '../support/test-env';
import { Client } from 'pg';

jest.setTimeout(120_000);

// A statement PostgreSQL refuses, in the built hub as production runs it: the log says what the hub
// was doing, the SQLSTATE and the constraint, and nothing of the values (the parameters, and the
// driver's detail that quotes the failing row).
describe('database errors in the log: purpose, code and constraint, never the parameters', () => {
  let own: { url: string; restore: () => Promise<void> };
  let hub: BuiltHub;
  let pg: Client;
  const marker = `Secret-Marker-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    own = await useOwnDatabase('db_errors');
    hub = await BuiltHub.start({ LOG_LEVEL: 'info', DATABASE_URL: own.url });
    pg = new Client({ connectionString: own.url });
    await pg.connect();
  });

  afterAll(async () => {
    await pg.end();
    expect(await hub.stop()).toBe(0);
    await own.restore();
  });

  it('logs a refused INSERT as its purpose, SQLSTATE and constraint, without the row it tried to write', async () => {
    // Every new authority is now refused by the database itself, after the hub's own checks passed.
    await pg.query('ALTER TABLE authorities ADD CONSTRAINT ck_authorities_refuse_all CHECK (false) NOT VALID');
    const requestId = `dberror-${randomBytes(4).toString('hex')}`;
    const res = await fetch(`${hub.url}/v1/authorities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ code: 'KH-DBERR', name: marker, country: 'KH', roles: ['ISSUER'] }),
    });
    expect(res.status).toBe(500);
    const problem = (await res.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ code: 'INTERNAL_ERROR', requestId });
    expect(JSON.stringify(problem)).not.toContain(marker);
    const [line] = await eventually('the error line', async () => hub.logLines().filter((l) => l.msg === 'Unhandled error' && l.requestId === requestId), (lines) => lines.length === 1);
    expect(line.err).toEqual({ type: 'DatabaseError', purpose: 'INSERT INTO authorities', code: '23514', constraint: 'ck_authorities_refuse_all', table: 'authorities' });
    // Nowhere in the whole log: not the name, not the driver's "Failing row contains".
    expect(hub.output).not.toContain(marker);
    expect(hub.output).not.toContain('Failing row');
  });
});
