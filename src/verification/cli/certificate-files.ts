import 'reflect-metadata';
import { builtInProfileCatalog } from '../../dataset/agreements/built-in-profiles';
import { loadHsNomenclatureFile } from '../../dataset/hs/hs-loader';
import { parseCrl } from '../../pki/crypto/crl';
import { parseCertificate, pemBlocks } from '../../pki/crypto/x509';
import { readDocument, readSignature } from '../verify/domain/verification-input';
import { CliOptions, CliUsageError } from './cli-options';
import { readCliFile as read } from './cli-files';
import { OfflineAnswer, verifyOffline } from './offline-verification';

// The certificate check of ecoo-verify, loaded only for it: the dataset, its profiles and the CMS
// verifier take most of the command's start-up, which a receipt check does without.

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

export async function checkCertificateFiles(options: CliOptions): Promise<OfflineAnswer> {
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

