// The benchmarks' HTTP client: undici's Pool, one per origin, kept alive. The clients of a benchmark
// share the machine's two cores with the hub, so they should cost as little as possible: a request
// through undici's Pool costs about half the CPU of one through fetch (measured with the issuance
// load of the speed scenario), and every figure, the references of the hub's own routes included,
// goes through it.
import { Pool } from 'undici';

const pools = new Map<string, Pool>();

function poolOf(origin: string): Pool {
  let pool = pools.get(origin);
  if (!pool) {
    pool = new Pool(origin, { connections: 128, keepAliveTimeout: 30_000 });
    pools.set(origin, pool);
  }
  return pool;
}

export interface Answer {
  status: number;
  text: string;
}

/** One request to `url`, its whole body read as text. */
export async function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const { origin, pathname, search } = new URL(url);
  const method = (options.method ?? 'GET') as 'GET';
  const response = await poolOf(origin).request({ method, path: pathname + search, headers: options.headers, body: options.body });
  return { status: response.statusCode, text: await response.body.text() };
}

/** One JSON call with a bearer token: the status and the parsed body (undefined when empty). */
export async function jsonCall<T = unknown>(base: string, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: T }> {
  const answer = await request(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: answer.status, body: (answer.text ? JSON.parse(answer.text) : undefined) as T };
}

/** Closes every pool (at the end of a benchmark, so the process can exit). */
export async function closeClients(): Promise<void> {
  const open = [...pools.values()];
  pools.clear();
  await Promise.all(open.map((pool) => pool.close()));
}
