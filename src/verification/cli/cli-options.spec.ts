import { CliUsageError, parseCliArguments } from './cli-options';

describe('ecoo-verify command line', () => {
  it('reads the document, the signature and every option', () => {
    const options = parseCliArguments(['doc.json', 'sig.der', '--ca', 'a.pem', '--ca', 'b.pem', '--known-ca', 'c.pem', '--crl', 'a.crl', '--issue-time', '2026-03-02T09:30:00Z', '--hs', 'hs.csv', '--raw', '--json']);
    expect(options).toEqual({
      documentPath: 'doc.json',
      signaturePath: 'sig.der',
      caPaths: ['a.pem', 'b.pem'],
      knownCaPaths: ['c.pem'],
      crlPaths: ['a.crl'],
      issueTime: new Date('2026-03-02T09:30:00Z'),
      hsPath: 'hs.csv',
      raw: true,
      json: true,
    });
  });

  it('refuses a missing file, a missing anchor, an option without value, an unknown option and a bad time', () => {
    for (const argv of [['doc.json', '--ca', 'a.pem'], ['doc.json', 'sig.der'], ['doc.json', 'sig.der', '--ca'], ['doc.json', 'sig.der', '--ca', 'a.pem', '--colour'], ['doc.json', 'sig.der', '--ca', 'a.pem', '--issue-time', 'yesterday']]) {
      expect(() => parseCliArguments(argv)).toThrow(CliUsageError);
    }
  });

  it('reads --receipt alone, with --json, and refuses it beside a certificate check', () => {
    expect(parseCliArguments(['--receipt', 'r.json', '--json'])).toMatchObject({ receiptPath: 'r.json', json: true });
    expect(() => parseCliArguments(['--receipt', 'r.json', '--ca', 'a.pem'])).toThrow(CliUsageError);
    expect(() => parseCliArguments(['doc.json', '--receipt', 'r.json'])).toThrow(CliUsageError);
  });
});
