import { BuiltHub } from '../support/built-hub';
import { devNodeIdentity, eventually, partnerBody } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { ExternalPki } from '../support/pki';

jest.setTimeout(120_000);

const DAY_MS = 86_400_000;

// A partner registered while its node certificate held, which no longer does (it expired, or it was
// registered before the checks of today): the hub names it at start instead of cutting it off silently.
describe('partners whose node certificate now fails are named in a warning at start', () => {
  const network = new ExternalPki('ASEAN exchange network');
  let own: { url: string; restore: () => Promise<void> };

  beforeAll(async () => {
    own = await useOwnDatabase('partners_at_start');
  });

  afterAll(async () => {
    await own.restore();
  });

  it('lists each failing partner with the codes of its problems, and none of the partners that hold', async () => {
    const setup = await TestHub.start({ withWorkers: false });
    try {
      for (const code of ['KH-GOOD', 'KH-STALE']) {
        const res = await setup.operator('POST', '/v1/partners', partnerBody({ code, routes: [{ country: 'KH', authority: `KH-CUSTOMS-${code.slice(3)}` }], nodeCertificate: devNodeIdentity(`${code} node`).certificatePem, outboundAuth: { type: 'NONE' } }));
        expect(res.status).toBe(201);
      }
      // What a certificate that expired since registration looks like to the hub.
      const expired = network.signingKey({ cn: 'stale node', validFrom: new Date(Date.now() - 400 * DAY_MS), validTo: new Date(Date.now() - DAY_MS) });
      await setup.dataSource.query(`UPDATE partners SET node_certificate_pem = $1 WHERE code = 'KH-STALE'`, [expired.certPem]);
    } finally {
      await setup.close();
    }
    const hub = await BuiltHub.start({ LOG_LEVEL: 'info', DATABASE_URL: own.url });
    try {
      // Written before the hub listens; read once the child's output has come through.
      const warnings = await eventually(
        'the warning at start',
        async () => hub.logLines().filter((l) => typeof l.msg === 'string' && (l.msg as string).startsWith('Partners whose node certificate fails its checks')),
        (lines) => lines.length > 0,
      );
      expect(warnings).toHaveLength(1);
      expect(warnings[0].msg).toContain('KH-STALE (CERTIFICATE_EXPIRED)');
      expect(warnings[0].msg).not.toContain('KH-GOOD');
      // Named, not cut off: the partner is still registered and active, for the operator to fix.
      const partners = await fetch(`${hub.url}/v1/partners`, { headers: { authorization: `Bearer ${process.env.HUB_ADMIN_TOKEN}` } });
      expect(((await partners.json()) as { code: string; active: boolean }[]).filter((p) => p.code === 'KH-STALE').map((p) => p.active)).toEqual([true]);
    } finally {
      expect(await hub.stop()).toBe(0);
    }
  });
});
