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

/** Registers Cambodia's Ministry of Commerce as an issuer (with an ACTIVE development key when asked) and returns an API key of it. */
export async function prepareIssuer(hub: HubProcess, options: { devKey?: boolean } = {}): Promise<string> {
  const registered = await hub.json('POST', '/v1/authorities', BENCH_ADMIN_TOKEN, { code: 'KH-MOC', name: 'Ministry of Commerce', country: 'KH', roles: ['ISSUER'] });
  if (registered.status !== 201) throw new Error(`could not register the issuer: ${registered.status}`);
  if (options.devKey) {
    const devKey = await hub.json('POST', '/v1/pki/dev-keys', BENCH_ADMIN_TOKEN, { authorities: ['KH-MOC'] });
    if (devKey.status !== 200) throw new Error(`could not give the issuer a signing key: ${devKey.status}`);
  }
  const key = await hub.json<{ key: string }>('POST', '/v1/api-keys', BENCH_ADMIN_TOKEN, { authority: 'KH-MOC' });
  if (key.status !== 201) throw new Error(`could not create an API key: ${key.status}`);
  return key.body.key;
}

/** POST /v1/certificates then POST /v1/certificates/{id}/issue; true when the issue answered 200. */
export async function issueOnce(hub: HubProcess, token: string): Promise<boolean> {
  const created = await hub.json<{ id: string }>('POST', '/v1/certificates', token, benchCertificate());
  if (created.status !== 201) return false;
  const issued = await hub.json('POST', `/v1/certificates/${created.body.id}/issue`, token);
  return issued.status === 200;
}
