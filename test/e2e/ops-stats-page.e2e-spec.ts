import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BrowserContext, chromium } from 'playwright-core';
import { cambodiaToJapan } from '../fixtures/certificates';
import { deliveriesOf, eventually } from '../support/exchange';
import { TEST_ADMIN_TOKEN, TestHub } from '../support/hub';
import { ImportingSide, declarationFor, line } from '../support/matching';
import { useOwnDatabase } from '../support/own-database';

jest.setTimeout(120_000);

// The machine is offline: Debian's Chromium, no downloads, a profile of its own for every context.
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
const OUTPUT = resolve(__dirname, '../../test-output');

describe('operator stats page in a real browser', () => {
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let japan: ImportingSide;
  const profiles: string[] = [];

  async function browser(headers?: Record<string, string>): Promise<BrowserContext> {
    const profile = mkdtempSync(join(tmpdir(), 'ecoo-chromium-'));
    profiles.push(profile);
    return chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS, extraHTTPHeaders: headers, viewport: { width: 1600, height: 1000 } });
  }

  beforeAll(async () => {
    own = await useOwnDatabase('ops_stats_page');
    hub = await TestHub.start();
    japan = await new ImportingSide(hub).prepare();
    // A certificate issued on this shared hub and delivered locally to Japan's customs: a delivery to chart.
    const chamber = await hub.authority('KH-CHAMBER', 'KH', ['ISSUER']);
    const created = await hub.request('POST', '/v1/certificates', { token: chamber, body: cambodiaToJapan() });
    expect((await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: chamber })).status).toBe(200);
    await eventually('the local delivery', () => deliveriesOf(hub, chamber, created.body.id), (ds) => ds.some((d) => d.status === 'DELIVERED'));
    const { document } = await japan.receive();
    for (const [quantity, expected] of [
      ['20000', 'MATCHED'],
      ['9000', 'PARTIAL'],
    ]) {
      const res = await hub.request('POST', '/v1/import-declarations', { token: japan.customs, body: declarationFor(document, { lines: [line({ quantity: { value: quantity, unit: 'KGM' } })] }) });
      expect(res.body.match.status).toBe(expected);
    }
  });

  afterAll(async () => {
    await hub.close();
    await own.restore();
    for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
  });

  it('signs the operator in with a form, keeps a session id in an HttpOnly cookie, and draws the charts', async () => {
    const context = await browser();
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      const first = await page.goto(`${hub.baseUrl}/ops/stats`);
      expect(first?.status()).toBe(401);
      expect(first?.headers()['content-security-policy']).toContain("default-src 'none'");
      await page.fill('#token', TEST_ADMIN_TOKEN);
      await Promise.all([page.waitForEvent('load'), page.click('button[type=submit]')]);
      await page.waitForSelector('svg.chart[data-chart="declarations"]');

      const cookies = await context.cookies(hub.baseUrl + '/ops');
      expect(cookies).toEqual([expect.objectContaining({ name: 'ecoo_ops_session', path: '/ops', httpOnly: true, sameSite: 'Strict', secure: false })]);
      // A random session id, never the token itself.
      expect(cookies[0].value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(cookies[0].value).not.toContain(TEST_ADMIN_TOKEN);
      // HttpOnly: a script on the page cannot read it (the test's tsconfig has no DOM types, hence the string).
      expect(await page.evaluate('document.cookie')).toBe('');

      expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(6);
      expect(await page.locator('svg[data-chart="declarations"] rect.bar.bar-matched').count()).toBe(1);
      expect(await page.locator('svg[data-chart="declarations"] rect.bar.bar-partial').count()).toBe(1);
      expect(await page.locator('svg[data-chart="declarations"] polyline.line-rate').count()).toBeGreaterThanOrEqual(1);
      expect(await page.locator('svg[data-chart="match-rate-by-partner"] rect.bar-rate[data-label="KH-HUB"]').getAttribute('data-value')).toBe('0.5');
      expect(await page.locator('svg[data-chart="deliveries"] rect.bar.bar-delivered').count()).toBe(1);
      expect(await page.locator('svg[data-chart="latency"] polyline.line-p95').count()).toBe(1);
      expect(await page.locator('svg[data-chart="delivered-by-partner"] rect.bar-rate[data-label="LOCAL"]').getAttribute('data-value')).toBe('1');
      // What the browser laid out, not just what the server sent: the chart has a real size on screen.
      const box = await page.locator('svg[data-chart="declarations"]').boundingBox();
      expect(box?.width).toBeGreaterThan(500);

      mkdirSync(OUTPUT, { recursive: true });
      const file = join(OUTPUT, 'ops-stats.png');
      await page.screenshot({ path: file, fullPage: true });
      const png = readFileSync(file);
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(png.length).toBeGreaterThan(20_000);
      // Nothing but the hub itself was asked for anything.
      expect(requested.filter((url) => !url.startsWith(hub.baseUrl))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('takes the operator token as a bearer header, refuses an authority, and never reads a token from the URL', async () => {
    const context = await browser({ authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const res = await page.goto(`${hub.baseUrl}/ops/stats?granularity=week`);
      expect(res?.status()).toBe(200);
      expect(await page.locator('svg[data-chart="deliveries"]').count()).toBe(1);
    } finally {
      await context.close();
    }
    const authority = await hub.request('GET', '/ops/stats', { token: japan.customs });
    expect(authority.status).toBe(403);
    expect(authority.text).not.toContain('<svg');
    const inUrl = await hub.request('GET', `/ops/stats?token=${TEST_ADMIN_TOKEN}`);
    expect(inUrl.status).toBe(422);
    const wrong = await hub.request('POST', '/ops/session', { body: { token: 'not-the-operator-token' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });
});
