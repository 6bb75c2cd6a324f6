import { bytesMatchType } from './content-sniffing';

describe('bytesMatchType', () => {
  const pdf = Buffer.from('%PDF-1.7\n...');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
  const xml = Buffer.from('\uFEFF  <?xml version="1.0"?><a/>', 'utf8');
  const text = Buffer.from('line one\nline two', 'utf8');
  const executable = Buffer.from([0x4d, 0x5a, 0x90, 0x00]);

  it('takes each type by its own first bytes', () => {
    expect([bytesMatchType('application/pdf', pdf), bytesMatchType('image/png', png), bytesMatchType('image/jpeg', jpeg), bytesMatchType('application/xml', xml), bytesMatchType('text/plain', text), bytesMatchType('text/csv', text)]).toEqual([true, true, true, true, true, true]);
  });

  it('refuses bytes of another type, an executable, text holding NUL or invalid UTF-8, and a type it does not know', () => {
    expect(bytesMatchType('application/pdf', png)).toBe(false);
    expect(bytesMatchType('image/png', executable)).toBe(false);
    expect(bytesMatchType('image/jpeg', Buffer.from([0xff, 0xd8]))).toBe(false);
    expect(bytesMatchType('application/xml', text)).toBe(false);
    expect(bytesMatchType('text/plain', Buffer.from('a\u0000b'))).toBe(false);
    expect(bytesMatchType('text/csv', Buffer.from([0x61, 0xc3, 0x28]))).toBe(false);
    expect(bytesMatchType('application/x-msdownload', executable)).toBe(false);
  });
});
