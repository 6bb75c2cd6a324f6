#!/usr/bin/env node
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { builtInProfileCatalog } from '../../dataset/agreements/built-in-profiles';
import { loadHsNomenclatureFile } from '../../dataset/hs/hs-loader';
import { parseCrl } from '../../pki/crypto/crl';
import { parseCertificate, pemBlocks } from '../../pki/crypto/x509';
import { Verdict } from '../verify/domain/verification-codes';
import { readDocument, readSignature } from '../verify/domain/verification-input';
import { CliOptions, CliUsageError, parseCliArguments, USAGE } from './cli-options';
import { OfflineAnswer, verifyOffline } from './offline-verification';
import { ReceiptFileAnswer, verifyReceiptFile } from './offline-receipt';

// `npx ecoo-verify doc.json sig.der --ca ca.pem`: verifies a certificate of origin offline, with the
// hub's own verification function and reason codes. Exit code 0 VALID, 1 INVALID, 2 UNKNOWN or usage.

const EXIT: Record<Verdict, number> = { [Verdict.VALID]: 0, [Verdict.INVALID]: 1, [Verdict.UNKNOWN]: 2 };

function read(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CliUsageError(`cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

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

async function run(options: CliOptions): Promise<OfflineAnswer> {
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

function receiptReport(answer: ReceiptFileAnswer, path: string): string {
  const lines = [`${answer.verdict}  ${path}${answer.reasons.length > 0 ? `  (${answer.reasons.join(', ')})` : ''}`];
  for (const message of answer.messages) lines.push(`  ${message}`);
  if (answer.claims) {
    const c = answer.claims;
    lines.push(`  envelope ${String(c.envelopeId)} (SHA-256 ${String(c.envelopeSha256)}) received ${String(c.receivedAt)}: ${String(c.status)}${(c.reasonCodes as string[]).length > 0 ? ` ${(c.reasonCodes as string[]).join(', ')}` : ''}`);
    lines.push(`  signed by ${answer.signer ?? 'unknown'}`);
  }
  return `${lines.join('\n')}\n`;
}

function report(answer: OfflineAnswer, document: string): string {
  const lines = [`${answer.verdict}  ${document}${answer.reasons.length > 0 ? `  (${answer.reasons.join(', ')})` : ''}`];
  for (const check of answer.checks) lines.push(`  ${check.outcome.padEnd(14)} ${check.check.padEnd(15)} ${check.reason.padEnd(29)} ${check.message}`);
  lines.push(`  document SHA-256 ${answer.documentHash}, judged at issue time ${answer.issueTime ?? 'unknown'}`);
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let options: CliOptions;
  try {
    options = parseCliArguments(argv);
    if (options.receiptPath !== undefined) {
      const answer = verifyReceiptFile(read(options.receiptPath, 'receipt'));
      process.stdout.write(options.json ? `${JSON.stringify(answer, null, 2)}\n` : receiptReport(answer, options.receiptPath));
      return EXIT[answer.verdict];
    }
    const answer = await run(options);
    process.stdout.write(options.json ? `${JSON.stringify(answer, null, 2)}\n` : report(answer, options.documentPath));
    return EXIT[answer.verdict];
  } catch (error) {
    if (error instanceof CliUsageError) {
      process.stderr.write(`ecoo-verify: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ecoo-verify could not verify: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
