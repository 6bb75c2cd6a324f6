// The command line of ecoo-verify, read without side effects (the entry point reads the files).

export interface CliOptions {
  documentPath: string;
  signaturePath: string;
  // Trust anchors of the authority that is expected to have signed.
  caPaths: string[];
  // Trust anchors of other authorities: a signature under one is SIGNER_NOT_EXPECTED, not UNTRUSTED_CHAIN.
  knownCaPaths: string[];
  crlPaths: string[];
  issueTime?: Date;
  hsPath?: string;
  // Take the document bytes as they are instead of their RFC 8785 form.
  raw: boolean;
  json: boolean;
  // A delivery's receipt file (GET /v1/deliveries/{id}/receipt) to check instead of a certificate.
  receiptPath?: string;
}

export const USAGE = `usage: ecoo-verify <document.json> <signature> --ca <anchor.pem> [options]
       ecoo-verify --receipt <receipt.json> [--json]

Checks a certificate of origin offline: its detached CMS signature (DER, PEM or base64) over the
RFC 8785 form of the document, the chain to the issuer's trust anchors, the signer's validity at the
issue time, revocation (with --crl) and the dataset rules at the issue time. Nothing else is needed:
no hub, no network. The hub's own state (cancelled, replaced, accepted, used) is not known offline.

  --ca <file>          a trust anchor of the issuing authority (PEM, several per file, or DER); repeatable, required
  --known-ca <file>    a trust anchor of another authority, to name a signature by the wrong authority; repeatable
  --crl <file>         a CRL (PEM or DER) of a CA in the chain; repeatable
  --issue-time <time>  the issue time the signer must have been valid at (default: the document's issueDateTime)
  --hs <file>          the HS nomenclature CSV (default: HS codes checked for shape and chapter only)
  --raw                verify the document bytes as they are, not their RFC 8785 form
  --json               print the answer as JSON

--receipt checks a partner's signed receipt of a delivery, as GET /v1/deliveries/{id}/receipt
returns it: the receipt's signature under the node certificate beside it (named in the signed
header), and the envelope beside it hashing to what the receipt says was received.

exit code: 0 VALID, 1 INVALID, 2 UNKNOWN or a usage error`;

export class CliUsageError extends Error {}

export function parseCliArguments(argv: string[]): CliOptions {
  const positional: string[] = [];
  const options: CliOptions = { documentPath: '', signaturePath: '', caPaths: [], knownCaPaths: [], crlPaths: [], raw: false, json: false };
  const value = (index: number, flag: string): string => {
    const next = argv[index + 1];
    if (next === undefined || next.startsWith('--')) throw new CliUsageError(`${flag} needs a value`);
    return next;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case '--ca':
        options.caPaths.push(value(i++, arg));
        break;
      case '--known-ca':
        options.knownCaPaths.push(value(i++, arg));
        break;
      case '--crl':
        options.crlPaths.push(value(i++, arg));
        break;
      case '--hs':
        options.hsPath = value(i++, arg);
        break;
      case '--issue-time': {
        const time = new Date(value(i++, arg));
        if (Number.isNaN(time.getTime())) throw new CliUsageError('--issue-time must be an ISO 8601 date and time');
        options.issueTime = time;
        break;
      }
      case '--raw':
        options.raw = true;
        break;
      case '--json':
        options.json = true;
        break;
      case '--receipt':
        options.receiptPath = value(i++, arg);
        break;
      default:
        if (arg.startsWith('--')) throw new CliUsageError(`unknown option ${arg}`);
        positional.push(arg);
    }
  }
  if (options.receiptPath !== undefined) {
    if (positional.length > 0 || options.caPaths.length > 0 || options.knownCaPaths.length > 0 || options.crlPaths.length > 0 || options.hsPath || options.issueTime || options.raw) {
      throw new CliUsageError('--receipt takes the receipt file and --json only');
    }
    return options;
  }
  if (positional.length !== 2) throw new CliUsageError('give the document and its signature');
  if (options.caPaths.length === 0) throw new CliUsageError('give the trust anchor of the issuing authority with --ca');
  [options.documentPath, options.signaturePath] = positional;
  return options;
}
