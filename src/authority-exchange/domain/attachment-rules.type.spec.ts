import { AttachmentRule, checkAttachments } from './attachment-rules';

const limits = { maxBytes: 1024, maxTotalBytes: 2048, maxCount: 3 };

describe('attachments: content types', () => {
  it('refuses a type off the allow-list, and bytes that are not what the type says, every problem at once', () => {
    const { problems } = checkAttachments(
      [
        { fileName: 'run.exe', contentType: 'application/x-msdownload', content: Buffer.from('MZ').toString('base64') },
        { fileName: 'fake.pdf', contentType: 'application/pdf', content: Buffer.from('MZ not a pdf').toString('base64') },
        { fileName: 'photo.png', contentType: 'image/png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]).toString('base64') },
      ],
      limits,
    );
    expect(problems).toEqual([
      { ruleId: AttachmentRule.TYPE_NOT_ALLOWED, path: 'attachments[0].contentType', message: 'application/x-msdownload is not allowed; allowed: application/pdf, image/png, image/jpeg, application/xml, text/plain' },
      { ruleId: AttachmentRule.CONTENT_MISMATCH, path: 'attachments[1].content', message: 'the bytes are not application/pdf' },
    ]);
  });
});
