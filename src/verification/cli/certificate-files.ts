import 'reflect-metadata';
import { builtInProfileCatalog } from '../../dataset/agreements/built-in-profiles';
import { loadHsNomenclatureFile } from '../../dataset/hs/hs-loader';
import { parseCrl } from '../../pki/crypto/crl';
import { parseCertificate, pemBlocks } from '../../pki/crypto/x509';
import { readCredential, readDocument, readSignature } from '../verify/domain/verification-input';
import { CliOptions, CliUsageError } from './cli-options';
import { readCliFile as read } from './cli-files';
import { verifyCredentialOffline } from './offline-credential';
import { OfflineAnswer, verifyOffline } from './offline-verification';

// The certificate and credential checks of ecoo-verify, loaded only for them: the dataset, its
// profiles and the CMS verifier take most of the command's start-up, which a receipt check does without.

// A file of one or more PEM certificates, or one DER certificate; each parsed, so a bad anchor is named.
function anchors(path: string): Buffer[] {
  const bytes = read(path, 'trust anchor');
  const text = bytes.toString('latin1');
  try {
    const ders = text.includes('-----BEGIN ') ? pemBlocks(text).filter((b) => b.label === 'CERTIFICATE').map((b) => b.der) : [bytes];
    if (ders.length === 0) throw new Error('no CERTIFICATE block');
    return ders.map((der) => parseCertificate(der).der);
  } catch (error) {
    throw new CliUsageError(`${path} is not an X.509 certificate: ${(error as Error).message}`);
  }
}

function crl(path: string): ReturnType<typeof parseCrl> {
  try {
    return parseCrl(read(path, 'CRL'));
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    throw new CliUsageError(`${path} is not a CRL: ${(error as Error).message}`);
  }
}

// A status list is a few kilobytes compressed; anything far larger is not one.
const MAX_STATUS_LIST_BYTES = 4 * 1024 * 1024;

/** A status list credential from a file, or fetched once from an http(s) URL. */
async function statusList(source: string): Promise<{ source: string; jws: string }> {
  if (!/^https?:\/\//.test(source)) return { source, jws: read(source, 'status list').toString('latin1').trim() };
  let response: Response;
  try {
    response = await fetch(source, { redirect: 'error', signal: AbortSignal.timeout(15_000), headers: { accept: 'application/vc+jwt' } });
  } catch (error) {
    throw new CliUsageError(`cannot fetch the status list ${source}: ${(error as Error).message}`);
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (!response.ok || bytes.length > MAX_STATUS_LIST_BYTES) throw new CliUsageError(`cannot fetch the status list ${source}: HTTP ${response.status}, ${bytes.length} bytes`);
  return { source, jws: bytes.toString('latin1').trim() };
}

async function checkCredentialFile(options: CliOptions): Promise<OfflineAnswer> {
  const path = options.credentialPath as string;
  const credential = readCredential(read(path, 'credential'), path);
  if ('violations' in credential) throw new CliUsageError(`${path}: ${credential.violations.map((v) => v.message).join('; ')}`);
  return verifyCredentialOffline({
    jws: credential.jws,
    credential: credential.credential,
    anchorsDer: options.caPaths.flatMap(anchors),
    knownAnchorsDer: options.knownCaPaths.flatMap(anchors),
    crls: options.crlPaths.map(crl),
    issueTime: options.issueTime,
    statusLists: await Promise.all(options.statusLists.map(statusList)),
    statusSignersDer: options.statusSignerPaths.flatMap(anchors),
    catalog: builtInProfileCatalog(),
    hs: await loadHsNomenclatureFile(options.hsPath),
    now: new Date(),
  });
}

/** A certificate (document and detached signature) or a credential (--credential), checked offline. */
export async function checkCertificateFiles(options: CliOptions): Promise<OfflineAnswer> {
  if (options.credentialPath !== undefined) return checkCredentialFile(options);
  const documentBytes = read(options.documentPath, 'document');
  const document = readDocument(documentBytes, options.documentPath);
  if ('violation' in document) throw new CliUsageError(document.violation.message);
  const signature = readSignature(read(options.signaturePath, 'signature'), options.signaturePath);
  if ('violation' in signature) throw new CliUsageError(`${options.signaturePath}: ${signature.violation.message}`);
  return verifyOffline({
    document: document.document,
    documentBytes,
    raw: options.raw,
    signatureDer: signature.der,
    anchorsDer: options.caPaths.flatMap(anchors),
    knownAnchorsDer: options.knownCaPaths.flatMap(anchors),
    crls: options.crlPaths.map(crl),
    issueTime: options.issueTime,
    catalog: builtInProfileCatalog(),
    hs: await loadHsNomenclatureFile(options.hsPath),
    now: new Date(),
  });
}

