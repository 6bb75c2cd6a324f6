import { checkAttachments, sha256Of } from './attachment-rules';

const limits = { maxBytes: 1024, maxTotalBytes: 2048, maxCount: 3 };
const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

describe('attachments: accepted', () => {
  it('hashes an allowed file and keeps its bytes', () => {
    const { attachments, problems } = checkAttachments([{ fileName: 'mill-certificate.pdf', contentType: 'application/pdf', content: pdf.toString('base64') }], limits);
    expect(problems).toEqual([]);
    expect(attachments).toEqual([{ fileName: 'mill-certificate.pdf', contentType: 'application/pdf', size: pdf.length, sha256: sha256Of(pdf), bytes: pdf }]);
    expect(sha256Of(pdf)).toMatch(/^[0-9a-f]{64}$/);
  });
});
