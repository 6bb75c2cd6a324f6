import { datasetToUbl, ublToDataset } from './ubl-certificate';
import { buildIssuedDocument } from '../testing/issued-document';
import { parseHostileXml } from './safe-xml';

const ROOT = '<CertificateOfOrigin xmlns="urn:oasis:names:specification:ubl:schema:xsd:CertificateOfOrigin-2"/>';

describe('hostile XML is refused before anything reads it', () => {
  it('an external entity (XXE) naming a local file', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><CertificateOfOrigin>&x;</CertificateOfOrigin>';
    expect(parseHostileXml(xxe)).toEqual({ ok: false, problems: [expect.stringContaining('DOCTYPE')] });
  });

  it('billion laughs (nested internal entities)', () => {
    const entities = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY l0 "lol">${entities}]><lolz>&l10;</lolz>`;
    expect(parseHostileXml(bomb)).toEqual({ ok: false, problems: [expect.stringContaining('DOCTYPE')] });
  });

  it('an undeclared entity, without a DOCTYPE', () => {
    expect(parseHostileXml('<a>&undeclared;</a>').ok).toBe(false);
  });

  it('too deep, too many elements, too large, not UTF-8, another declared encoding, not well-formed', () => {
    expect(parseHostileXml(`${'<a>'.repeat(40)}${'</a>'.repeat(40)}`)).toEqual({ ok: false, problems: ['the document nests elements deeper than 32'] });
    expect(parseHostileXml(`<a>${'<b/>'.repeat(30)}</a>`, { maxBytes: 10_000, maxDepth: 10, maxElements: 20 })).toEqual({ ok: false, problems: ['the document has more than 20 elements'] });
    expect(parseHostileXml(`<a>${'x'.repeat(2000)}</a>`, { maxBytes: 1000, maxDepth: 10, maxElements: 20 }).ok).toBe(false);
    expect(parseHostileXml(Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e]))).toEqual({ ok: false, problems: ['the document is not UTF-8'] });
    expect(parseHostileXml('<?xml version="1.0" encoding="ISO-8859-1"?><a/>').ok).toBe(false);
    expect(parseHostileXml('<a><b></a>').ok).toBe(false);
  });

  it('reads a well-formed namespaced document', () => {
    const parsed = parseHostileXml(ROOT);
    expect(parsed.ok && parsed.document.documentElement.namespaceURI).toBe('urn:oasis:names:specification:ubl:schema:xsd:CertificateOfOrigin-2');
  });
});

describe('reading UBL refuses what is not the dataset', () => {
  it('another root element', () => {
    expect(ublToDataset('<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>')).toEqual({
      ok: false,
      problems: [{ path: '/', message: expect.stringContaining('not a UBL CertificateOfOrigin') }],
    });
  });

  it('an extension field that has its own UBL place, a path into the prototype, an unknown field, a bad type: all listed', () => {
    const xml = datasetToUbl(buildIssuedDocument()).replace(
      '<hub:Field path="preferential" type="boolean">true</hub:Field>',
      '<hub:Field path="certificateNumber" type="string">X</hub:Field><hub:Field path="__proto__.polluted" type="string">1</hub:Field><hub:Field path="nope" type="string">1</hub:Field><hub:Field path="preferential" type="boolean">yes</hub:Field>',
    );
    const result = ublToDataset(xml);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('certificateNumber has its own place in UBL'),
      '__proto__.polluted is not a field of the dataset',
      'nope is not a field of the dataset',
      'preferential: "yes" is not a value of type boolean',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
