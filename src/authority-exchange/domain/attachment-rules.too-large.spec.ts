import { AttachmentRule, checkAttachments, isTooLarge } from './attachment-rules';

const limits = { maxBytes: 1024, maxTotalBytes: 1500, maxCount: 3 };
const text = (n: number) => Buffer.alloc(n, 'a').toString('base64');

describe('attachments: size', () => {
  it('refuses an attachment over the cap, and a message over the total, without decoding them', () => {
    const one = checkAttachments([{ fileName: 'a.txt', contentType: 'text/plain', content: text(1025) }], limits);
    expect(one.problems).toEqual([{ ruleId: AttachmentRule.TOO_LARGE, path: 'attachments[0].content', message: '1025 bytes; an attachment may have at most 1024' }]);
    expect(isTooLarge(one.problems)).toBe(true);
    const two = checkAttachments([{ fileName: 'a.txt', contentType: 'text/plain', content: text(1000) }, { fileName: 'b.txt', contentType: 'text/plain', content: text(1000) }], limits);
    expect(two.problems).toEqual([{ ruleId: AttachmentRule.TOO_LARGE, path: 'attachments', message: '2000 bytes in all; a message may carry at most 1500' }]);
    expect(two.attachments).toEqual([]);
  });
});
