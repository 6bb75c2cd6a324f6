import { AttachmentRule, checkCarriedAttachments, sha256Of } from './attachment-rules';

const limits = { maxBytes: 1024, maxTotalBytes: 2048, maxCount: 3 };
const bytes = Buffer.from('Mill records for lot 7: 25,000 kg milled jasmine rice.');

describe('attachments: carried by a partner hub', () => {
  it('accepts bytes that hash to what the signed message says, and names those that do not', () => {
    const carried = { fileName: 'records.txt', contentType: 'text/plain', content: bytes.toString('base64'), size: bytes.length, sha256: sha256Of(bytes) };
    expect(checkCarriedAttachments([carried], limits, 'payload.attachments').problems).toEqual([]);
    const swapped = { ...carried, content: Buffer.from('Other records.').toString('base64') };
    const checked = checkCarriedAttachments([swapped], limits, 'payload.attachments');
    expect(checked.attachments).toEqual([]);
    expect(checked.problems).toEqual([{ ruleId: AttachmentRule.HASH_MISMATCH, path: 'payload.attachments[0]', message: expect.stringContaining(`SHA-256 ${sha256Of(bytes)} the message names`) }]);
  });
});
