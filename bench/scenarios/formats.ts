// Formats at the edge (README, "Formats at the edge"): what a rendition and a posted document cost, in
// process on one core, beside the record's own CMS signature measured in the same round (the order
// alternating). A UBL rendition made and XML-signed, and one read back from hostile XML; edi3 made with
// its CMS, and read back; the UBL 2.4 schema validation of a posted document (libxml2 in WebAssembly,
// a worker thread per document). No target is stated; no build and no database.
import { sign } from 'node:crypto';
import { canonicalJson } from '../../src/core/canonical/canonical-json';
import { datasetToEdi3, edi3ToDataset } from '../../src/dataset/formats/domain/edi3-certificate';
import { datasetToUbl, ublToDataset } from '../../src/dataset/formats/domain/ubl-certificate';
import { ublSchemaProblems } from '../../src/dataset/formats/ubl/ubl-schema';
import { buildIssuedDocument } from '../../src/dataset/formats/testing/issued-document';
import { CmsSigner } from '../../src/pki/crypto/cms-signer';
import { createDevCa, createDevSigningKey } from '../../src/pki/crypto/dev-pki';
import { signEnvelopedXml } from '../../src/pki/crypto/xml-dsig';
import { Scenario, alternate } from '../support/scenario';

async function measure(seconds: number, operation: () => unknown): Promise<number> {
  for (let i = 0; i < 5; i++) await operation(); // warm-up
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let count = 0;
  let now = start;
  while (now < deadline) {
    await operation();
    count++;
    now = process.hrtime.bigint();
  }
  return count / (Number(now - start) / 1e9);
}

const scenario: Scenario = {
  description: 'UBL and edi3 renditions made and signed, read back, and UBL schema validation per second, beside the record CMS',
  options: { seconds: 3 },
  build: false,
  async start(context) {
    const seconds = context.option('seconds');
    const validFrom = new Date('2026-01-01T00:00:00Z');
    const ca = createDevCa({ commonName: 'Bench Root CA', validDays: 3650, validFrom, keyBits: 2048 });
    const key = createDevSigningKey({ ca, subject: { CN: 'Bench Signer', C: 'TH' }, validFrom, validTo: new Date('2036-01-01Z'), keyBits: 2048 });
    const signer = new CmsSigner({ signerCertDer: key.certDer, chainDer: key.chainDer, privateKey: key.privateKey });
    const document = buildIssuedDocument();
    const record = Buffer.from(canonicalJson(document), 'utf8');
    const at = new Date('2026-05-12T09:00:00Z');
    const rawSigner = async (bytes: Buffer) => ({ signature: sign('sha256', bytes, key.privateKey), certificateDer: key.certDer, chainDer: key.chainDer });
    const makeUbl = () => signEnvelopedXml(datasetToUbl(document, { signed: true, record: { recordHash: '00'.repeat(32) } }), '</sac:SignatureInformation>', rawSigner);
    const ubl = await makeUbl();
    const edi3 = canonicalJson(datasetToEdi3(document));
    // Sanity: what is measured reads back as the record.
    const back = ublToDataset(ubl);
    if (!back.ok || canonicalJson(back.document) !== canonicalJson(document)) throw new Error('the UBL rendition does not read back as the record');
    if ((await ublSchemaProblems(ubl)).length > 0) throw new Error('the UBL rendition does not validate');
    context.log(`record ${record.length} bytes, UBL ${ubl.length} bytes, edi3 ${edi3.length} bytes, RSA-2048`);
    return {
      async round(round) {
        const values = new Map<string, number>();
        const runs: Array<[string, () => unknown, number]> = [
          ['record CMS', () => signer.sign(record, at), seconds],
          ['UBL made and XML-signed', makeUbl, seconds],
          ['UBL read (hostile parse, XPaths)', () => ublToDataset(ubl), seconds],
          ['edi3 made and CMS-signed', () => signer.sign(Buffer.from(canonicalJson(datasetToEdi3(document)), 'utf8'), at), seconds],
          ['edi3 read', () => edi3ToDataset(JSON.parse(edi3)), seconds],
          ['UBL schema validation', () => ublSchemaProblems(ubl), seconds],
        ];
        for (const [name, operation, duration] of alternate(round, runs)) values.set(name, await measure(duration, operation));
        const reference = { label: 'record CMS signature, same key', value: values.get('record CMS') as number };
        return [...values.entries()]
          .filter(([name]) => name !== 'record CMS')
          .map(([name, value]) => ({ figure: name, unit: '/s', hub: value, reference }));
      },
      async stop() {
        // Nothing started: everything ran in this process.
      },
    };
  },
};

export default scenario;
