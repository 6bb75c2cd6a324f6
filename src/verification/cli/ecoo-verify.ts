#!/usr/bin/env node
import { Verdict } from '../verify/domain/verification-codes';
import { readCliFile } from './cli-files';
import { CliOptions, CliUsageError, parseCliArguments, USAGE } from './cli-options';
import type { OfflineAnswer } from './offline-verification';
import { ReceiptFileAnswer, verifyReceiptFile } from './offline-receipt';

// `npx ecoo-verify doc.json sig.der --ca ca.pem`: verifies a certificate of origin offline, with the
// hub's own verification function and reason codes. Exit code 0 VALID, 1 INVALID, 2 UNKNOWN or usage.

const EXIT: Record<Verdict, number> = { [Verdict.VALID]: 0, [Verdict.INVALID]: 1, [Verdict.UNKNOWN]: 2 };

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
  for (const entry of (answer as { credentialStatus?: Array<{ purpose: string; index: number; status?: string; problem?: string }> }).credentialStatus ?? []) {
    lines.push(`  status list ${entry.purpose} entry ${entry.index}: ${entry.status ?? `not read (${entry.problem})`}`);
  }
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
      const answer = verifyReceiptFile(readCliFile(options.receiptPath, 'receipt'));
      process.stdout.write(options.json ? `${JSON.stringify(answer, null, 2)}\n` : receiptReport(answer, options.receiptPath));
      return EXIT[answer.verdict];
    }
    const { checkCertificateFiles } = await import('./certificate-files.js');
    const answer = await checkCertificateFiles(options);
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
