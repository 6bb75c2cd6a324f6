import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { PublicRateLimiter } from '../../src/core/http/rate-limit/public-rate-limiter';
import { cambodiaToJapan } from '../fixtures/certificates';
import { TestHub } from '../support/hub';
import { issue, verify } from '../support/verification';

// What a phone and a printer see: the certificate PDF carries a QR code of the public verification
// page; the code read from the rendered PDF opens the right page in a real browser; the page and the
// public API are rate-limited per client, across hub processes, in PostgreSQL.

const SCREENSHOTS = resolve(__dirname, '../../.ci-out/verification');
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Starts a hub with some environment of its own (read at boot), restoring the rest after. */
async function startWith(env: Record<string, string>, options: { withWorkers?: boolean; port?: number } = {}): Promise<TestHub> {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  try {
    return await TestHub.start(options);
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe('verification in public: the PDF, its QR code, the page in a browser, and the rate limit', () => {
  let hub: TestHub;
  let publicUrl: string;
  let issuer: string;
  let customsJp: string;
  let customsTh: string;
  let consignee: string;
  let dir: string;

  beforeAll(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    hub = await startWith({ HUB_PUBLIC_URL: publicUrl }, { port });
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    customsJp = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    customsTh = await hub.authority('TH-CUSTOMS', 'TH', ['CUSTOMS']);
    consignee = await hub.trader('JP-CN-1234567890123', 'JP');
    dir = mkdtempSync(join(tmpdir(), 'verification-public-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await hub.close();
  });

  async function pdfOf(id: string, token: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
    const res = await fetch(`${hub.baseUrl}/v1/certificates/${id}/pdf`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
  }

  /** The PDF rasterised by poppler at 150 dpi, its QR code read by zbar. */
  function qrCodeOf(pdf: Buffer, name: string): string {
    writeFileSync(join(dir, `${name}.pdf`), pdf);
    execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', `${name}.pdf`, name], { cwd: dir });
    const png = join(dir, `${name}-1.png`);
    // zbar's own D-Bus notice goes to stderr: only the decoded text matters.
    return execFileSync('zbarimg', ['--raw', '-q', png], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  async function tokenOf(id: string): Promise<string> {
    const [row] = await hub.dataSource.query('SELECT verification_token FROM certificates WHERE id = $1', [id]);
    return row.verification_token;
  }

  it('gives every issued certificate (original, replacement, duplicate) a token of its own, and a draft none', async () => {
    const original = await issue(hub, issuer);
    const duplicate = await hub.request('POST', `/v1/certificates/${original.id}/duplicate`, { token: issuer, body: {} });
    const replacement = await hub.request('POST', `/v1/certificates/${original.id}/replacement`, {
      token: issuer,
      body: cambodiaToJapan({ documentFunction: 'REPLACEMENT', replacesCertificateNumber: original.certificateNumber }),
    });
    expect([duplicate.status, replacement.status]).toEqual([201, 201]);
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan() });
    const tokens = [await tokenOf(original.id), await tokenOf(duplicate.body.id), await tokenOf(replacement.body.id)];
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(tokens).size).toBe(3);
    expect(await tokenOf(created.body.id)).toBeNull();
  });

  it('prints the certificate as a PDF whose QR code, rendered and read back, opens the page of that very certificate', async () => {
    const cert = await issue(hub, issuer);
    const pdf = await pdfOf(cert.id, issuer);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');

    const decoded = qrCodeOf(pdf.bytes, 'certificate');
    expect(decoded).toBe(`${publicUrl}/verify/${await tokenOf(cert.id)}`);
    const page = await fetch(decoded);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain(`<dd id="certificate-number">${cert.certificateNumber}</dd>`);
    expect(html).toContain('data-verdict="VALID"');
    expect(html).not.toMatch(/Angkor|Osaka|KH-TIN/);
    const [logged] = await hub.dataSource.query(`SELECT method, answer_scope, verdict FROM verifications WHERE certificate_id = $1`, [cert.id]);
    expect(logged).toEqual({ method: 'TOKEN', answer_scope: 'PUBLIC', verdict: 'VALID' });

    // The printed text carries the dataset fields, the document hash and the signature status.
    const text = execFileSync('pdftotext', ['-layout', 'certificate.pdf', '-'], { cwd: dir, encoding: 'utf8' });
    for (const expected of [cert.certificateNumber, 'Angkor Rice Export Co., Ltd.', 'Osaka Grain Trading K.K.', 'Jasmine rice, milled', '1006.30', 'KHKOS', cert.documentHash, 'Signature of the issuing authority: valid detached CMS', 'Signature of the exporter: none: issued directly by the authority']) {
      expect(text).toContain(expected);
    }
  });

  it('serves the PDF exactly to whoever may see the certificate, and audits reads by others than the issuer', async () => {
    const cert = await issue(hub, issuer);
    expect((await pdfOf(cert.id, customsJp)).status).toBe(200);
    expect((await pdfOf(cert.id, consignee)).status).toBe(200);
    expect((await pdfOf(cert.id, customsTh)).status).toBe(404);
    const actors = await hub.dataSource.query(`SELECT actor FROM audit_log WHERE entity_id = $1 AND action = 'CERTIFICATE_READ' ORDER BY arrival_no`, [cert.id]);
    expect(actors.map((a: any) => a.actor)).toEqual(['authority:JP-CUSTOMS', 'trader:JP-CN-1234567890123']);
    const draft = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan() });
    const early = await hub.request('GET', `/v1/certificates/${draft.body.id}/pdf`, { token: issuer });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'CERTIFICATE_NOT_ISSUED', currentStatus: 'DRAFT' });
    expect((await hub.request('GET', '/v1/certificates/not-a-uuid/pdf', { token: issuer })).status).toBe(404);
    expect((await hub.request('GET', `/v1/certificates/${cert.id}/pdf`)).status).toBe(401);
  });

  it('opens in Chromium on a phone-sized screen: the verdict reads VALID, then INVALID once cancelled', async () => {
    const cert = await issue(hub, issuer);
    const url = qrCodeOf((await pdfOf(cert.id, issuer)).bytes, 'browser');
    const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      javaScriptEnabled: false,
    });
    try {
      const page = await browser.newPage();
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      expect((await page.textContent('#verdict strong'))?.trim()).toBe('VALID');
      expect(await page.textContent('#certificate-number')).toBe(cert.certificateNumber);
      expect(await page.textContent('#hs-codes')).toBe('1006.30');
      // Readable without zooming: nothing wider than the screen.
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await page.screenshot({ path: join(SCREENSHOTS, 'public-page-valid.png'), fullPage: true });

      await hub.request('POST', `/v1/certificates/${cert.id}/cancel`, { token: issuer, body: { reason: 'goods not shipped' } });
      await page.reload();
      expect((await page.textContent('#verdict strong'))?.trim()).toBe('INVALID');
      expect(await page.textContent('#status')).toBe('Cancelled by the issuing authority');
      await page.screenshot({ path: join(SCREENSHOTS, 'public-page-cancelled.png'), fullPage: true });

      const unknown = await page.goto(`${publicUrl}/verify/${'A'.repeat(22)}`);
      expect(unknown?.status()).toBe(404);
      expect(await page.textContent('h1')).toBe('Not found');
    } finally {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    }
    expect(readFileSync(join(SCREENSHOTS, 'public-page-valid.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  it('answers an unknown or malformed token with a 404 page, logging no verification', async () => {
    const before = await hub.count('verifications');
    for (const token of ['A'.repeat(22), 'short', '..%2F..%2Fetc', '<script>alert(1)</script>']) {
      const res = await hub.request('GET', `/verify/${encodeURIComponent(token)}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.text).toContain('No certificate has this verification code');
      expect(res.text).not.toContain('<script>alert');
    }
    expect(await hub.count('verifications')).toBe(before);
  });

  it('limits public verifications per client across hub processes (429 with Retry-After), but not callers with a key', async () => {
    // Two more API processes on the same database, both with a small budget (a day-long window, so a
    // window boundary cannot fall inside the test).
    const env = { HUB_PUBLIC_RATE_LIMIT: '5', HUB_PUBLIC_RATE_WINDOW_SECONDS: '86400' };
    const first = await startWith(env, { withWorkers: false });
    const second = await startWith(env, { withWorkers: false });
    try {
      const cert = await issue(first, issuer);
      const page = `/verify/${await tokenOf(cert.id)}`;
      const body = { issuingAuthority: 'KH-MOC', certificateNumber: cert.certificateNumber };
      const flood = '203.0.113.77';
      const answers = [
        (await verify(first, body, { from: flood })).status,
        (await verify(second, body, { from: flood })).status,
        (await first.request('GET', page, { headers: { 'x-forwarded-for': flood } })).status,
        (await second.request('GET', page, { headers: { 'x-forwarded-for': flood } })).status,
        (await verify(first, body, { from: flood })).status,
      ];
      expect(answers).toEqual([200, 200, 200, 200, 200]);

      const refused = await verify(second, body, { from: flood });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429 });
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(86400);
      expect(refused.body.retryAfterSeconds).toBe(retryAfter);

      const refusedPage = await first.request('GET', page, { headers: { 'x-forwarded-for': flood } });
      expect(refusedPage.status).toBe(429);
      expect(refusedPage.headers.get('content-type')).toContain('text/html');
      expect(refusedPage.headers.get('retry-after')).toEqual(expect.any(String));
      expect(refusedPage.text).toContain('Too many checks');

      // Another client, and the same client with a key, are served.
      expect((await verify(first, body, { from: '203.0.113.78' })).status).toBe(200);
      expect((await verify(first, body, { from: flood, token: customsJp })).body).toMatchObject({ verdict: 'VALID', scope: 'FULL' });
      // Refused calls are not verifications.
      expect(await first.count('verifications', 'certificate_id = $1', [cert.id])).toBe(7);
      // One counter row for the flooding address, counted by both processes: 5 served, 2 refused.
      const [row] = await first.dataSource.query(`SELECT hits FROM public_rate_limits WHERE scope = 'verification' AND client_key = $1`, [first.app.get(PublicRateLimiter).clientKey(flood)]);
      expect(row.hits).toBe(7);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
