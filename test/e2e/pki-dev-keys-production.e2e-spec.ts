import { BuiltHub } from '../support/built-hub';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { runBuilt } from '../support/run-cli';

jest.setTimeout(120_000);

// Whoever holds the operator token of a production hub tries the development shortcut: a throw-away
// CA registered as an authority's trust anchor, then signatures in that authority's name. Under
// NODE_ENV=production it is refused, over HTTP and from the command line, unless the operator marks
// a staging hub with HUB_ALLOW_DEV_KEYS=true, which the hub then announces at every start.
describe('development keys under NODE_ENV=production', () => {
  let own: { url: string; restore: () => Promise<void> };

  beforeAll(async () => {
    own = await useOwnDatabase('devkeys_production');
  });

  afterAll(async () => {
    await own.restore();
  });

  it('are refused by POST /v1/pki/dev-keys with a code that says why, and nothing is stored', async () => {
    const hub = await TestHub.start({ withWorkers: false, env: { NODE_ENV: 'production' } });
    try {
      expect((await hub.operator('POST', '/v1/authorities', { code: 'KH-MOC', name: 'Ministry of Commerce', country: 'KH', roles: ['ISSUER'] })).status).toBe(201);
      for (const body of [{}, { authorities: ['KH-MOC'] }, { authorities: [], node: true }]) {
        const res = await hub.operator('POST', '/v1/pki/dev-keys', body);
        expect(res.status).toBe(403);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(res.body.code).toBe('DEV_KEYS_REFUSED_IN_PRODUCTION');
        expect(res.body.detail).toContain('HUB_ALLOW_DEV_KEYS=true');
      }
      expect(await hub.count('signing_keys')).toBe(0);
      expect(await hub.count('trust_anchors')).toBe(0);
    } finally {
      await hub.close();
    }
  });

  it('are refused by npm run pki:dev, before it touches the database', async () => {
    const result = runBuilt('pki/cli/pki-dev.js', { DATABASE_URL: own.url, NODE_ENV: 'production' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('DEV_KEYS_REFUSED_IN_PRODUCTION');
    expect(result.stdout).toBe('');
    const hub = await TestHub.start({ withWorkers: false });
    try {
      expect(await hub.count('signing_keys')).toBe(0);
    } finally {
      await hub.close();
    }
  });

  it('are made on a staging hub that allows them, which says so at start and from the command line', async () => {
    const hub = await TestHub.start({ withWorkers: false, env: { NODE_ENV: 'production', HUB_ALLOW_DEV_KEYS: 'true' } });
    try {
      const res = await hub.operator('POST', '/v1/pki/dev-keys', { authorities: ['KH-MOC'] });
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual([expect.objectContaining({ authority: 'KH-MOC', outcome: 'CREATED' })]);
    } finally {
      await hub.close();
    }
    const cli = runBuilt('pki/cli/pki-dev.js', { DATABASE_URL: own.url, NODE_ENV: 'production', HUB_ALLOW_DEV_KEYS: 'true' }, ['--node', '--authority', 'KH-MOC', '--out', '/tmp']);
    expect(cli.status).toBe(0);
    expect(cli.stderr).toContain('warning: making development keys on a production hub');

    const warning = 'HUB_ALLOW_DEV_KEYS=true under NODE_ENV=production: development keys (POST /v1/pki/dev-keys, npm run pki:dev) can be made on this hub';
    const staging = await BuiltHub.start({ DATABASE_URL: own.url, NODE_ENV: 'production', HUB_ALLOW_DEV_KEYS: 'true', LOG_LEVEL: 'warn' });
    expect(await staging.stop()).toBe(0);
    expect(staging.output).toContain(warning);
    const production = await BuiltHub.start({ DATABASE_URL: own.url, NODE_ENV: 'production', LOG_LEVEL: 'warn' });
    expect(await production.stop()).toBe(0);
    expect(production.output).not.toContain('HUB_ALLOW_DEV_KEYS');
  });
});
