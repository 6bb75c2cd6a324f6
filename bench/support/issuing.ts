import { randomBytes } from 'node:crypto';
import { cambodiaToJapan } from '../../test/fixtures/certificates';
import { BENCH_ADMIN_TOKEN, HubProcess } from './hub-process';

// A certificate number is the issuer's to choose, unique per authority (a second use is refused per
// item, 409 CERTIFICATE_NUMBER_TAKEN). The test fixture's fresh number has 32 random bits: among the
// some 40,000 certificates the speed scenario issues into one hub's database over three rounds, a
// number comes twice with a chance of 1 - e^(-40000^2 / 2^33), about 17% a hub, and the run fails
// while preparing. The benchmarks number theirs: a tag of the run and a count.
const RUN_TAG = randomBytes(3).toString('hex').toUpperCase();
let numbered = 0;

/** The fixture's RCEP certificate from Cambodia to Japan, with a number no other certificate of this run has. */
export function benchCertificate(): Record<string, unknown> {
  numbered += 1;
  return cambodiaToJapan({ certificateNumber: `KH-RCEP-${new Date().getUTCFullYear()}-B${RUN_TAG}-${String(numbered).padStart(7, '0')}` });
}

/** The codes of a batch's failed items, for an error message ("CERTIFICATE_NUMBER_TAKEN x1"). */
export function failedItems(results: { outcome?: string; problem?: { code?: string } }[]): string {
  const counts = new Map<string, number>();
  for (const item of results) {
    if (item.outcome !== 'FAILED') continue;
    const code = item.problem?.code ?? 'no code';
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts].map(([code, count]) => `${code} x${count}`).join(', ') || 'none failed';
}

/** What the calls below need of a hub: its JSON calls (HubProcess, or the floor's bare server). */
export type JsonApi = Pick<HubProcess, 'json'>;

/** Registers `authority` and returns an API key of it. */
export async function apiKeyOf(hub: JsonApi, authority: Record<string, unknown>): Promise<string> {
  const registered = await hub.json('POST', '/v1/authorities', BENCH_ADMIN_TOKEN, authority);
  if (registered.status !== 201) throw new Error(`could not register ${String(authority.code)}: ${registered.status}`);
  const created = await hub.json<{ key: string }>('POST', '/v1/api-keys', BENCH_ADMIN_TOKEN, { authority: authority.code });
  if (created.status !== 201) throw new Error(`could not create an API key: ${created.status}`);
  return created.body.key;
}

/** Registers Cambodia's Ministry of Commerce as an issuer (with an ACTIVE development key when asked) and returns an API key of it. */
export async function prepareIssuer(hub: JsonApi, options: { devKey?: boolean } = {}): Promise<string> {
  const key = await apiKeyOf(hub, { code: 'KH-MOC', name: 'Ministry of Commerce', country: 'KH', roles: ['ISSUER'] });
  if (options.devKey) {
    const devKey = await hub.json('POST', '/v1/pki/dev-keys', BENCH_ADMIN_TOKEN, { authorities: ['KH-MOC'] });
    if (devKey.status !== 200) throw new Error(`could not give the issuer a signing key: ${devKey.status}`);
  }
  return key;
}

/** POST /v1/certificates then POST /v1/certificates/{id}/issue: the certificate when the issue answered 200, else null. */
export async function issueReturning(hub: JsonApi, token: string): Promise<{ id: string; certificateNumber: string } | null> {
  const created = await hub.json<{ id: string; certificateNumber: string }>('POST', '/v1/certificates', token, benchCertificate());
  if (created.status !== 201) return null;
  const issued = await hub.json('POST', `/v1/certificates/${created.body.id}/issue`, token);
  return issued.status === 200 ? created.body : null;
}

/** POST /v1/verifications by reference (issued by KH-MOC): true when the verdict is VALID. */
export async function verifyValid(hub: JsonApi, customs: string, certificateNumber: string): Promise<boolean> {
  const answer = await hub.json<{ verdict?: string }>('POST', '/v1/verifications', customs, { issuingAuthority: 'KH-MOC', certificateNumber });
  return answer.status === 200 && answer.body.verdict === 'VALID';
}

/** POST /v1/certificates then POST /v1/certificates/{id}/issue; true when the issue answered 200. */
export async function issueOnce(hub: JsonApi, token: string): Promise<boolean> {
  return (await issueReturning(hub, token)) !== null;
}

/**
 * Verifies each certificate once by reference as `customs`, `clients` at a time (a cold
 * verification: none was verified before): those found VALID, the others, and the VALID ones per
 * second over the time it all took.
 */
export async function verifyEachOnce(hub: JsonApi, customs: string, certificates: readonly { certificateNumber: string }[], clients: number): Promise<{ operations: number; errors: number; perSecond: number }> {
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < certificates.length) {
        const certificate = certificates[next++];
        if (!(await verifyValid(hub, customs, certificate.certificateNumber).catch(() => false))) errors += 1;
      }
    }),
  );
  const operations = certificates.length - errors;
  return { operations, errors, perSecond: operations / ((performance.now() - started) / 1000) };
}
