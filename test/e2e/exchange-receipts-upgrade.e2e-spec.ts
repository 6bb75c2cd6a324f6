import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/core/database/data-source';
import { MIGRATIONS } from '../../src/core/database/migrations';
import { SignedReceipts1796545000000 } from '../../src/core/database/migrations/1796545000000-SignedReceipts';
import { useOwnDatabase } from '../support/own-database';

jest.setTimeout(120_000);

const PARTNER = `INSERT INTO partners (code, name, endpoint_url, routes, countries, message_types, outbound_auth_type, inbound_token_prefix, inbound_token_hash,
                                       node_certificate_pem, node_certificate_sha256, max_attempts, base_delay_ms, max_delay_ms, timeout_ms,
                                       breaker_failure_threshold, breaker_cooldown_ms, version)
                 VALUES ($1::varchar, $1::text, 'https://partner.example', '[]', '{JP}', '{CO_ISSUED}', 'NONE', $2, repeat('a', 64), $3, $4, 10, 2000, 600000, 10000, 5, 30000, 1)
                 RETURNING id`;

// The upgrade that brought signed receipts, on a database that already holds a partner: the partner
// stays UNSIGNED (no live exchange stops), a partner registered afterwards is SIGNED unless it says
// otherwise, and the partner's node certificate is the first of those it keeps.
describe('signed receipts: the upgrade', () => {
  let own: { url: string; restore: () => Promise<void> };
  let data: DataSource;

  beforeAll(async () => {
    own = await useOwnDatabase('rcpt_upgrade', { empty: true });
    const before = new DataSource({ ...dataSourceOptions(own.url), migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(SignedReceipts1796545000000)) as never });
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    await before.query(PARTNER, ['JP-LIVE', 'live0001', 'PEM of the live partner', 'b'.repeat(64)]);
    await before.destroy();
    data = new DataSource({ ...dataSourceOptions(own.url), migrations: MIGRATIONS as never });
    await data.initialize();
    await data.runMigrations({ transaction: 'each' });
  });

  afterAll(async () => {
    await data?.destroy();
    await own?.restore();
  });

  it('keeps an existing partner UNSIGNED with its node certificate on record, and registers new ones SIGNED', async () => {
    await data.query(PARTNER, ['JP-NEW', 'new00001', 'PEM of the new partner', 'c'.repeat(64)]);
    const partners = await data.query('SELECT id, code, receipts FROM partners ORDER BY code');
    expect(partners.map((p: { code: string; receipts: string }) => [p.code, p.receipts])).toEqual([
      ['JP-LIVE', 'UNSIGNED'],
      ['JP-NEW', 'SIGNED'],
    ]);
    const kept = await data.query('SELECT p.code, c.sha256, c.pem FROM partner_node_certificates c JOIN partners p ON p.id = c.partner_id');
    expect(kept).toEqual([{ code: 'JP-LIVE', sha256: 'b'.repeat(64), pem: 'PEM of the live partner' }]);
  });

  it('reverts', async () => {
    // Down to this migration, those that came after it first.
    for (let i = MIGRATIONS.indexOf(SignedReceipts1796545000000); i < MIGRATIONS.length; i++) await data.undoLastMigration({ transaction: 'each' });
    const columns = await data.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'partners' AND column_name = 'receipts'`);
    const tables = await data.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'partner_node_certificates'`);
    expect([columns.length, tables.length]).toEqual([0, 0]);
  });
});
