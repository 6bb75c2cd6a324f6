// What reading every JSON body strictly costs (src/core/validation/strict-json.ts: fatal UTF-8, the
// iterative depth and duplicate-key scan, then JSON.parse), beside the plain Buffer-to-JSON.parse that
// Fastify's own parser did, on a one-certificate body and on a 500-certificate batch body:
//   npm run bench json-body -- [--seconds 3] [--rounds 3]
// In process, no build, no database.
import { readStrictJson } from '../../src/core/validation/strict-json';
import { cambodiaToJapan } from '../../test/fixtures/certificates';
import { Figure, Scenario, alternate } from '../support/scenario';

function throughput(body: Buffer, read: (bytes: Buffer) => unknown, seconds: number): number {
  const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  let bytes = 0;
  let checksum = 0;
  while (process.hrtime.bigint() < deadline) {
    checksum += read(body) ? 1 : 0;
    bytes += body.length;
  }
  if (checksum === 0) throw new Error('nothing was read');
  return bytes / seconds / (1024 * 1024);
}

const plain = (bytes: Buffer): unknown => JSON.parse(bytes.toString('utf8'));
const strict = (bytes: Buffer): unknown => {
  const read = readStrictJson(bytes);
  if (!read.ok) throw new Error(read.message);
  return read.value;
};

const scenario: Scenario = {
  description: 'the strict JSON body reader against JSON.parse alone (MiB/s), one certificate and a batch of 500',
  options: { seconds: 3 },
  build: false,
  async start(context) {
    const seconds = context.option('seconds');
    const one = Buffer.from(JSON.stringify(cambodiaToJapan()));
    const batch = Buffer.from(JSON.stringify({ items: Array.from({ length: 500 }, () => cambodiaToJapan()) }));
    context.log(`bodies: ${one.length} bytes and ${batch.length} bytes`);
    return {
      async round(round) {
        const figures: Figure[] = [];
        for (const [name, body] of [['one certificate', one], ['a batch of 500', batch]] as const) {
          const measured: Record<string, number> = {};
          for (const [which, read] of alternate(round, [['strict', strict], ['plain', plain]] as const)) measured[which] = throughput(body, read, seconds);
          figures.push({ figure: `JSON body, ${name}`, unit: 'MiB/s', hub: measured.strict, reference: { label: 'JSON.parse alone', value: measured.plain } });
        }
        return figures;
      },
      async stop() {},
    };
  },
};

export default scenario;
