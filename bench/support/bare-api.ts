// The floor of the API figures (bench/scenarios/floor.ts), in a process of its own like the hub's API
// process: a bare node:http server that does, for each figure, the input and output the design asks
// of the hub and nothing else. Every change is durable in its own transaction (PostgreSQL's settings
// untouched), each in one statement:
//   GET  /health                PostgreSQL SELECT 1 and Redis PING, as the hub's /health
//   GET  /live                  no I/O
//   POST /v1/certificates       one INSERT of the draft, its event and its audit entry
//   POST /v1/certificates/:id/issue  the document read, an RSA-2048 PKCS#1 v1.5 signature of it,
//                               then one UPDATE with the event, the audit entry and the outbox row
//   GET  /v1/certificates/:id   one SELECT (the issuer's read); with the token `customs`, one SELECT
//                               with the read's audit entry (the importing customs' audited read)
//   POST /v1/verifications      the certificate read by reference, then the verification logged
//                               (its signature checked once, then remembered by document hash, as
//                               the hub's warm figure allows)
// What it leaves out is the hub's work in the CPU: validation of the body against the dataset, the
// canonical form, CMS, the audit chain, authentication (every token but `customs` stands for the
// issuer KH-MOC), the access log. So what it reaches on a machine bounds what any hub with the same
// durable I/O could reach there.
//   node -r ./bench/register-ts.js bench/support/bare-api.ts <port>   (DATABASE_URL, REDIS_URL)
import { createHash, createPublicKey, generateKeyPairSync, randomUUID, sign, verify } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import IORedis from 'ioredis';
import { Pool } from 'pg';

const port = Number(process.argv[2]);
const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
if (!Number.isInteger(port) || !databaseUrl) throw new Error('usage: bare-api.ts <port>, with DATABASE_URL set');

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS certificate (
    id uuid PRIMARY KEY, issuer text NOT NULL, number text NOT NULL, status text NOT NULL,
    document jsonb NOT NULL, document_hash text, signature bytea, created_at timestamptz NOT NULL DEFAULT now(),
    issued_at timestamptz, UNIQUE (issuer, number));
  CREATE TABLE IF NOT EXISTS certificate_event (id bigserial PRIMARY KEY, certificate_id uuid NOT NULL REFERENCES certificate(id), type text NOT NULL, at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS audit_entry (id bigserial PRIMARY KEY, actor text NOT NULL, action text NOT NULL, certificate_id uuid, at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS outbox (id bigserial PRIMARY KEY, certificate_id uuid NOT NULL, kind text NOT NULL, at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS verification_log (id bigserial PRIMARY KEY, certificate_id uuid, caller text NOT NULL, verdict text NOT NULL, at timestamptz NOT NULL DEFAULT now());
  CREATE INDEX IF NOT EXISTS certificate_event_certificate ON certificate_event (certificate_id);`;

const CREATE = `WITH c AS (INSERT INTO certificate (id, issuer, number, status, document) VALUES ($1, $2, $3, 'DRAFT', $4) RETURNING id),
  e AS (INSERT INTO certificate_event (certificate_id, type) SELECT id, 'CREATED' FROM c),
  a AS (INSERT INTO audit_entry (actor, action, certificate_id) SELECT $2, 'certificate.create', id FROM c)
  SELECT id FROM c`;
const ISSUE = `WITH c AS (UPDATE certificate SET status = 'ISSUED', document_hash = $2, signature = $3, issued_at = now() WHERE id = $1 AND status = 'DRAFT' RETURNING id, issuer),
  e AS (INSERT INTO certificate_event (certificate_id, type) SELECT id, 'ISSUED' FROM c),
  a AS (INSERT INTO audit_entry (actor, action, certificate_id) SELECT issuer, 'certificate.issue', id FROM c),
  o AS (INSERT INTO outbox (certificate_id, kind) SELECT id, 'deliver' FROM c)
  SELECT id FROM c`;
const READ = `SELECT id, issuer, number, status, document, document_hash, created_at, issued_at FROM certificate WHERE id = $1`;
const READ_AUDITED = `WITH a AS (INSERT INTO audit_entry (actor, action, certificate_id) VALUES ('customs', 'certificate.read', $1))
  SELECT id, issuer, number, status, document, document_hash, created_at, issued_at FROM certificate WHERE id = $1`;
const BY_REFERENCE = `SELECT id, status, document_hash, signature, document FROM certificate WHERE issuer = $1 AND number = $2`;
const LOG = `INSERT INTO verification_log (certificate_id, caller, verdict) VALUES ($1, 'customs', $2)`;

/** The authority every creating caller stands for (the hub takes it from the caller's API key). */
const ISSUER = 'KH-MOC';

const pool = new Pool({ connectionString: databaseUrl, max: 10 });
const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const verifyKey = createPublicKey(publicKey.export({ type: 'spki', format: 'pem' }));
/** Signatures checked once, by document hash: a warm verification does no RSA. */
const checked = new Map<string, boolean>();

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://bare');
  const parts = url.pathname.split('/').filter(Boolean).slice(1);
  if (req.method === 'GET' && url.pathname === '/live') return answer(res, 200, { status: 'ok' });
  if (req.method === 'GET' && url.pathname === '/health') {
    await Promise.all([pool.query('SELECT 1'), redis.ping()]);
    return answer(res, 200, { status: 'ok' });
  }
  if (parts[0] === 'certificates' && req.method === 'POST' && parts.length === 1) {
    const document = await body(req);
    const created = await pool.query(CREATE, [randomUUID(), ISSUER, String(document.certificateNumber), document]);
    return answer(res, 201, { id: created.rows[0].id, certificateNumber: document.certificateNumber });
  }
  if (parts[0] === 'certificates' && req.method === 'POST' && parts[2] === 'issue') {
    const found = await pool.query<{ document: unknown }>('SELECT document FROM certificate WHERE id = $1', [parts[1]]);
    if (!found.rows.length) return answer(res, 404, { code: 'NOT_FOUND' });
    const bytes = Buffer.from(JSON.stringify(found.rows[0].document), 'utf8');
    const signature = sign('sha256', bytes, privateKey);
    const issued = await pool.query(ISSUE, [parts[1], createHash('sha256').update(bytes).digest('hex'), signature]);
    return issued.rows.length ? answer(res, 200, { id: parts[1], status: 'ISSUED' }) : answer(res, 409, { code: 'NOT_DRAFT' });
  }
  if (parts[0] === 'certificates' && req.method === 'GET' && parts.length === 2) {
    const read = await pool.query(req.headers.authorization === 'Bearer customs' ? READ_AUDITED : READ, [parts[1]]);
    return read.rows.length ? answer(res, 200, read.rows[0]) : answer(res, 404, { code: 'NOT_FOUND' });
  }
  if (parts[0] === 'verifications' && req.method === 'POST') {
    const reference = await body(req);
    const found = await pool.query<{ id: string; status: string; document_hash: string; signature: Buffer; document: unknown }>(BY_REFERENCE, [reference.issuingAuthority, reference.certificateNumber]);
    const row = found.rows[0];
    let verdict = 'NOT_FOUND';
    if (row) {
      let valid = checked.get(row.document_hash);
      if (valid === undefined) {
        valid = verify('sha256', Buffer.from(JSON.stringify(row.document), 'utf8'), verifyKey, row.signature);
        checked.set(row.document_hash, valid);
      }
      verdict = valid && row.status === 'ISSUED' ? 'VALID' : 'INVALID';
    }
    await pool.query(LOG, [row?.id ?? null, verdict]);
    return answer(res, 200, { verdict });
  }
  answer(res, 404, { code: 'NOT_FOUND' });
}

async function main(): Promise<void> {
  await pool.query(SCHEMA);
  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    route(req, res).catch((error: Error) => answer(res, 500, { code: 'FAILED', detail: error.message }));
  });
  server.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
  const stop = (): void => {
    server.close();
    server.closeAllConnections();
    void Promise.all([pool.end(), redis.quit()]).finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop).on('SIGINT', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`bare api: ${error.message}\n`);
  process.exit(1);
});
