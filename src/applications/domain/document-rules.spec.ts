import { checkDocument } from './document-rules';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');

describe('a supporting document upload', () => {
  it('passes a PDF invoice and hashes it', () => {
    const checked = checkDocument({ kind: 'INVOICE', fileName: 'invoice.pdf', contentType: 'application/pdf', bytes: pdf }, 1024);
    expect(checked.problems).toEqual([]);
    expect(checked.document).toMatchObject({ kind: 'INVOICE', size: pdf.length, contentType: 'application/pdf' });
    expect(checked.document?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports every problem at once', () => {
    const checked = checkDocument({ kind: 'PASSPORT', fileName: '../../etc/passwd', contentType: 'application/x-msdownload', bytes: Buffer.alloc(0) }, 1024);
    expect(checked.document).toBeUndefined();
    expect(checked.problems.map((p) => p.ruleId)).toEqual(['APP-UPLOAD-001', 'APP-UPLOAD-002', 'APP-UPLOAD-003', 'APP-UPLOAD-004']);
  });

  it('refuses bytes that are not the declared type', () => {
    const checked = checkDocument({ kind: 'INVOICE', fileName: 'invoice.pdf', contentType: 'application/pdf', bytes: Buffer.from('MZ\x90\x00') }, 1024);
    expect(checked.problems.map((p) => p.ruleId)).toEqual(['APP-UPLOAD-006']);
  });

  it('refuses a file over the limit without reading it as its type', () => {
    const checked = checkDocument({ kind: 'INVOICE', fileName: 'invoice.pdf', contentType: 'application/pdf', bytes: Buffer.concat([pdf, Buffer.alloc(2048)]) }, 1024);
    expect(checked.problems.map((p) => p.ruleId)).toEqual(['APP-UPLOAD-005']);
  });

  it('names the missing parts', () => {
    const checked = checkDocument({ kind: undefined, fileName: undefined, contentType: undefined, bytes: undefined }, 1024);
    expect(checked.problems.map((p) => p.path)).toEqual(['kind', 'file.fileName', 'file.contentType', 'file']);
  });
});
