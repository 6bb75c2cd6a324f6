import { createHash } from 'node:crypto';
import { TEST_ADMIN_TOKEN, TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';

jest.setTimeout(120_000);

const SIGN_IN_LIMIT = 10;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The session cookie a 204 sign-in set: its value and its attributes, as the browser would read them. */
function sessionCookieOf(res: { headers: Headers }): { value: string; attributes: string[] } {
  const header = res.headers.get('set-cookie') ?? '';
  const [pair, ...attributes] = header.split(';').map((part) => part.trim());
  const [name, value] = pair.split('=');
  expect(name).toBe('ecoo_ops_session');
  return { value, attributes };
}

// Someone who can read a browser's cookies (a shared machine, a proxy log, a backup of a profile), or
// who guesses at the sign-in form from the network, tries to become the operator.
describe('operator pages: the session is a random server-side id, and sign-in is throttled per address across processes', () => {
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let other: TestHub;

  const signIn = (at: TestHub, token: string) => at.request('POST', '/ops/session', { body: { token } });
  const page = (at: TestHub, cookie: string) => at.request('GET', '/ops/stats', { headers: { cookie } });

  beforeAll(async () => {
    own = await useOwnDatabase('ops_session');
    hub = await TestHub.start({ withWorkers: false });
    // A second API process on the same database, as behind a load balancer.
    other = await TestHub.start({ withWorkers: false });
  });

  afterAll(async () => {
    await hub?.close();
    await other?.close();
    await own.restore();
  });

  it('gives the browser a random id in an HttpOnly, SameSite=Strict cookie for /ops, and keeps only its hash', async () => {
    const res = await signIn(hub, TEST_ADMIN_TOKEN);
    expect(res.status).toBe(204);
    const cookie = sessionCookieOf(res);
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.headers.get('set-cookie')).not.toContain(TEST_ADMIN_TOKEN);
    expect(res.headers.get('set-cookie')).not.toContain(encodeURIComponent(TEST_ADMIN_TOKEN));
    expect(cookie.attributes).toEqual(['Path=/ops', 'HttpOnly', 'SameSite=Strict', 'Max-Age=28800']);
    // HUB_PUBLIC_URL is http here: no Secure, or the browser would never send it back.
    expect(await hub.count('operator_sessions', 'id_hash = $1', [sha256(cookie.value)])).toBe(1);
    expect(await hub.count('operator_sessions', 'id_hash = $1 OR operator_digest = $1', [cookie.value])).toBe(0);
    expect((await page(hub, `ecoo_ops_session=${cookie.value}`)).status).toBe(200);
    // Any API process knows the session: it lives in PostgreSQL.
    expect((await page(other, `ecoo_ops_session=${cookie.value}`)).status).toBe(200);
    // A second sign-in is a second session, not the same id again.
    expect(sessionCookieOf(await signIn(hub, TEST_ADMIN_TOKEN)).value).not.toBe(cookie.value);
  });

  it('accepts no forged cookie: the token itself, the old cookie, a made-up id, the stored hash', async () => {
    const { value } = sessionCookieOf(await signIn(hub, TEST_ADMIN_TOKEN));
    for (const cookie of [
      `ecoo_ops_session=${TEST_ADMIN_TOKEN}`,
      `ecoo_ops_session=${encodeURIComponent(TEST_ADMIN_TOKEN)}`,
      `ecoo_operator=${encodeURIComponent(TEST_ADMIN_TOKEN)}`,
      `ecoo_ops_session=${'A'.repeat(43)}`,
      `ecoo_ops_session=${sha256(value)}`,
      `ecoo_ops_session=${value.slice(0, 42)}`,
      `Ecoo_Ops_Session=${value}`,
    ]) {
      const res = await page(hub, cookie);
      expect(res.status).toBe(401);
      expect(res.text).not.toContain('<svg');
    }
  });

  it('ends a session at sign-out in every process, so a copied cookie is worth nothing', async () => {
    const { value } = sessionCookieOf(await signIn(hub, TEST_ADMIN_TOKEN));
    const signedOut = await other.request('DELETE', '/ops/session', { headers: { cookie: `ecoo_ops_session=${value}` } });
    expect(signedOut.status).toBe(204);
    expect(signedOut.headers.get('set-cookie')).toBe('ecoo_ops_session=; Path=/ops; HttpOnly; SameSite=Strict; Max-Age=0');
    const replayed = await page(hub, `ecoo_ops_session=${value}`);
    expect(replayed.status).toBe(401);
    expect(replayed.headers.get('set-cookie')).toContain('Max-Age=0');
    expect(await hub.count('operator_sessions', 'id_hash = $1', [sha256(value)])).toBe(0);
  });

  it('ends a session when it expires', async () => {
    const { value } = sessionCookieOf(await signIn(hub, TEST_ADMIN_TOKEN));
    // Eight hours later, as far as the row is concerned.
    await hub.dataSource.query(`UPDATE operator_sessions SET expires_at = now() - interval '1 second' WHERE id_hash = $1`, [sha256(value)]);
    expect((await page(hub, `ecoo_ops_session=${value}`)).status).toBe(401);
  });

  it('marks the cookie Secure when the hub is reached over https, and ends every session when the operator token changes', async () => {
    const { value } = sessionCookieOf(await signIn(hub, TEST_ADMIN_TOKEN));
    const rotated = 'Zr8kP2wQ5nV9xL3cT7mB1yH4jD6gF0sA';
    const https = await TestHub.start({ withWorkers: false, env: { HUB_PUBLIC_URL: 'https://hub.example.org', HUB_ADMIN_TOKEN: rotated } });
    try {
      expect((await page(https, `ecoo_ops_session=${value}`)).status).toBe(401);
      const res = await signIn(https, rotated);
      expect(res.status).toBe(204);
      expect(sessionCookieOf(res).attributes).toEqual(['Path=/ops', 'HttpOnly', 'SameSite=Strict', 'Max-Age=28800', 'Secure']);
    } finally {
      await https.close();
    }
  });

  it('throttles failed sign-ins per address, counted in PostgreSQL so parallel attempts and other processes share the count', async () => {
    await hub.dataSource.query('DELETE FROM operator_sign_in_attempts');
    // Thirty guesses at once, spread over two API processes: only the first ten are even compared.
    const guesses = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(i % 2 === 0 ? hub : other, `guess-${i}-${'x'.repeat(24)}`)));
    const statuses = guesses.map((g) => g.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - SIGN_IN_LIMIT);
    const throttled = guesses.find((g) => g.status === 429)!;
    expect(throttled.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(throttled.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    expect(throttled.headers.get('set-cookie')).toBeNull();

    // Even the right token waits now, in either process: a guesser learns nothing more.
    for (const at of [hub, other]) {
      const right = await signIn(at, TEST_ADMIN_TOKEN);
      expect(right.status).toBe(429);
      expect(right.headers.get('set-cookie')).toBeNull();
    }
    // The counter holds a keyed hash of the address, never the address.
    const rows: { client_key: string; attempts: number }[] = await hub.dataSource.query('SELECT client_key, attempts FROM operator_sign_in_attempts');
    expect(rows).toHaveLength(1);
    expect(rows[0].client_key).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].client_key).not.toContain('127.0.0.1');

    // A quarter of an hour later the window is over, and the right token signs in and clears the count.
    await hub.dataSource.query(`UPDATE operator_sign_in_attempts SET window_start = now() - interval '16 minutes'`);
    expect((await signIn(other, TEST_ADMIN_TOKEN)).status).toBe(204);
    expect(await hub.count('operator_sign_in_attempts')).toBe(0);
  });
});
