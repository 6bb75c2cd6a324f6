import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CmsSigner } from './cms-signer';
import { parseCmsSignature } from './cms-parser';
import { verifyDetachedCms } from './cms-verifier';
import { createDevCa, createDevSigningKey } from './dev-pki';
import { coveredExporterSignature, coversExporterSignature, exporterSignatureAttribute } from './exporter-signature-attribute';
import { testKeyPair } from '../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const ISSUE_TIME = new Date('2026-03-02T09:30:00Z');
const DOCUMENT = Buffer.from('{"certificateNumber":"KH-2026-000123"}');
const DECLARATION = Buffer.from('{"exporter":{"id":"KH-TIN-1"}}');

describe("the signed attribute by which the authority's signature covers the exporter's (id-aa-contentReference)", () => {
  const root = createDevCa({ commonName: 'Dev Root CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
  const signingKey = (cn: string) => createDevSigningKey({ ca: root, subject: { CN: cn }, validFrom: VALID_FROM, validTo: new Date('2027-01-01T00:00:00Z'), keyPair: testKeyPair() });
  const authorityKey = signingKey('CO Signer');
  const exporterKey = signingKey('Exporter');
  const authority = new CmsSigner({ signerCertDer: authorityKey.certDer, privateKey: authorityKey.privateKey });
  const exporter = new CmsSigner({ signerCertDer: exporterKey.certDer, privateKey: exporterKey.privateKey });
  const exporterCms = exporter.sign(DECLARATION, ISSUE_TIME);

  it("carries the SHA-256 of the exporter's CMS and its signature value, read back from the authority's signature", () => {
    const covering = authority.sign(DOCUMENT, ISSUE_TIME, [exporterSignatureAttribute(exporterCms)]);
    expect(coveredExporterSignature(covering)).toEqual({ sha256: createHash('sha256').update(exporterCms).digest(), signatureValue: parseCmsSignature(exporterCms).signature });
    expect(coversExporterSignature(covering, exporterCms)).toBe(true);
  });

  it('does not cover another exporter signature, even over the same declaration', () => {
    const covering = authority.sign(DOCUMENT, ISSUE_TIME, [exporterSignatureAttribute(exporterCms)]);
    const otherKey = signingKey('Other');
    const other = new CmsSigner({ signerCertDer: otherKey.certDer, privateKey: otherKey.privateKey });
    expect(coversExporterSignature(covering, other.sign(DECLARATION, ISSUE_TIME))).toBe(false);
  });

  it('is absent from a signature without it, and from what is no CMS', () => {
    expect(coveredExporterSignature(authority.sign(DOCUMENT, ISSUE_TIME))).toBeUndefined();
    expect(coveredExporterSignature(Buffer.from('not a CMS'))).toBeUndefined();
    expect(coversExporterSignature(authority.sign(DOCUMENT, ISSUE_TIME), exporterCms)).toBe(false);
  });

  it("leaves the authority's signature valid for the hub's verifier and for openssl", () => {
    const covering = authority.sign(DOCUMENT, ISSUE_TIME, [exporterSignatureAttribute(exporterCms)]);
    expect(verifyDetachedCms({ content: DOCUMENT, cmsDer: covering, trustAnchorsDer: [root.certDer], issueTime: ISSUE_TIME, now: ISSUE_TIME }).valid).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'exporter-attribute-'));
    try {
      writeFileSync(join(dir, 'doc'), DOCUMENT);
      writeFileSync(join(dir, 'sig'), covering);
      writeFileSync(join(dir, 'ca.pem'), root.certPem);
      const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'sig', '-content', 'doc', '-CAfile', 'ca.pem', '-attime', String(ISSUE_TIME.getTime() / 1000), '-out', '/dev/null'];
      expect(execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
