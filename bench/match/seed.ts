import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

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
