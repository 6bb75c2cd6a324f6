import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { BENCH_ADMIN_TOKEN, HubProcess } from './hub-process';

const COLUMNS = [
  'id',
  'issuing_authority_id',
  'issuing_authority_code',
  'certificate_number',
  'copy_number',
  'document_function',
  'status',
  'import_status',
  'preferential',
  'agreement',
  'export_country',
  'import_country',
  'exporter_id',
  'consignee_id',
  'ucr',
  'document',
  'issue_date_time',
  'expires_at',
  'dataset_version',
  'profile_version',
  'hs_version',
  'version',
  'origin',
  'received_at',
  'received_from',
];

export const SEED_CONSIGNEE = { id: 'JP-CN-1234567890123', name: 'Osaka Grain Trading K.K.', address: { line1: '1-2-3 Umeda, Kita-ku', city: 'Osaka', country: 'JP' } };
const EXPORTER = { id: 'KH-TIN-1234567', name: 'Angkor Rice Export Co., Ltd.', address: { line1: '12 Preah Norodom Blvd', city: 'Phnom Penh', country: 'KH' } };

/** The number and UCR of the i-th seeded certificate, so a benchmark can ask for any of them. */
export function seededNumber(i: number): string {
  return `KH-BENCH-${String(i).padStart(8, '0')}`;
}

export function seededUcr(i: number): string {
  return `6KH1234567-B${String(i).padStart(8, '0')}`;
}

function csv(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Seeds `count` certificates received from Cambodia's hub for Japan (RCEP, 25 000 KGM of rice each)
 * with SQL COPY, streamed to `psql \copy ... FROM STDIN` (no CSV file on disk), then one RECEIVED event
 * per certificate, then VACUUM ANALYZE so the planner knows the table's size.
 */
export async function seedReceivedCertificates(databaseUrl: string, count: number): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const [issuer] = (await db.query(`SELECT id FROM authorities WHERE code = 'KH-MOC'`)).rows as { id: string }[];
    if (!issuer) throw new Error('register KH-MOC before seeding');
    const issued = new Date(Date.now() - 86_400_000);
    const expires = new Date(issued.getTime() + 365 * 86_400_000);
    const psql = spawn('psql', [databaseUrl, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `\\copy certificates (${COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv)`], { stdio: ['pipe', 'inherit', 'inherit'] });
    const exited = new Promise<number>((done) => psql.once('exit', (code) => done(code ?? 1)));
    const write = (chunk: string) => (psql.stdin.write(chunk) ? Promise.resolve() : new Promise<void>((done) => psql.stdin.once('drain', done)));
    let batch = '';
    for (let i = 0; i < count; i++) {
      const document = {
        certificateNumber: seededNumber(i),
        documentFunction: 'ORIGINAL',
        preferential: true,
        agreement: 'RCEP',
        formType: 'RCEP',
        issuingAuthority: 'KH-MOC',
        issueDateTime: issued.toISOString(),
        exportCountry: 'KH',
        importCountry: 'JP',
        exporter: EXPORTER,
        consignee: SEED_CONSIGNEE,
        ucr: seededUcr(i),
        items: [
          {
            itemNumber: 1,
            description: 'Jasmine rice, milled',
            hsCode: '1006.30',
            originCountry: 'KH',
            originCriterion: 'WO',
            grossWeight: { value: '25250', unit: 'KGM' },
            quantity: { value: '25000', unit: 'KGM' },
            fobValue: { amount: '21250.00', currency: 'USD' },
          },
        ],
      };
      const row = [
        randomUUID(),
        issuer.id,
        'KH-MOC',
        seededNumber(i),
        0,
        'ORIGINAL',
        'ISSUED',
        'RECEIVED',
        true,
        'RCEP',
        'KH',
        'JP',
        EXPORTER.id,
        SEED_CONSIGNEE.id,
        seededUcr(i),
        JSON.stringify(document),
        issued.toISOString(),
        expires.toISOString(),
        '1',
        'RCEP@2022-01-01',
        'HS2022',
        1,
        'RECEIVED',
        issued.toISOString(),
        'KH-HUB',
      ];
      batch += `${row.map(csv).join(',')}\n`;
      if (batch.length > 1 << 20) {
        await write(batch);
        batch = '';
      }
    }
    await write(batch);
    psql.stdin.end();
    if ((await exited) !== 0) throw new Error('COPY into certificates failed');
    await db.query(
      `INSERT INTO certificate_events (certificate_id, type, from_status, to_status, actor, occurred_at)
       SELECT id, 'RECEIVED', NULL, 'ISSUED', 'partner:KH-HUB', received_at FROM certificates WHERE received_from = 'KH-HUB' AND certificate_number LIKE 'KH-BENCH-%'`,
    );
    await db.query('VACUUM ANALYZE certificates');
    await db.query('VACUUM ANALYZE certificate_events');
  } finally {
    await db.end();
  }
}

/** A customs key of Japan's, on a hub where Cambodia's ministry is registered as a foreign issuer. */
async function prepare(hub: HubProcess): Promise<string> {
  const register = async (body: unknown) => {
    const res = await hub.json('POST', '/v1/authorities', BENCH_ADMIN_TOKEN, body);
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await register({ code: 'KH-MOC', name: 'Ministry of Commerce (foreign issuer)', country: 'KH', roles: ['ISSUER'], servedHere: false });
  await register({ code: 'JP-CUSTOMS', name: 'Japan Customs', country: 'JP', roles: ['CUSTOMS'] });
  const key = await hub.json<{ key: string }>('POST', '/v1/api-keys', BENCH_ADMIN_TOKEN, { authority: 'JP-CUSTOMS' });
  if (key.status !== 201) throw new Error(`api key: ${key.status}`);
  return key.body.key;
}

/** The built hub (API and worker in one process) on a database of its own, holding `count` received certificates seeded with COPY. */
export async function seededHub(label: string, count: number, log: (line: string) => void): Promise<{ hub: HubProcess; customs: string }> {
  const hub = await HubProcess.start();
  try {
    const customs = await prepare(hub);
    const started = performance.now();
    await seedReceivedCertificates(hub.databaseUrl as string, count);
    log(`${label}: ${count} received certificates seeded with COPY in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { hub, customs };
  } catch (error) {
    await hub.stop();
    throw error;
  }
}
