import { AttachmentRule, checkAttachments } from './attachment-rules';

const limits = { maxBytes: 1024, maxTotalBytes: 2048, maxCount: 1 };

describe('attachments: malformed uploads', () => {
  it('names bad base64, unsafe file names and too many attachments', () => {
    const { problems } = checkAttachments(
      [
        { fileName: '../etc/passwd', contentType: 'text/plain', content: 'aGVsbG8' },
        { fileName: 'ok.txt', contentType: 'text/plain', content: '' },
      ],
      limits,
    );
    expect(problems.map((p) => [p.ruleId, p.path])).toEqual([
      [AttachmentRule.TOO_MANY, 'attachments'],
      [AttachmentRule.FILE_NAME, 'attachments[0].fileName'],
      [AttachmentRule.NOT_BASE64, 'attachments[0].content'],
      [AttachmentRule.NOT_BASE64, 'attachments[1].content'],
    ]);
  });
});
