import { EDI3_MEDIA_TYPE } from './domain/edi3-certificate';
import { readFormatDocument } from './format-reader';

// An edi3 body is JSON like any other the hub reads: it gets the one strict reading of
// core/validation/strict-json.ts before its schema, never a JSON.parse that keeps the last duplicate.
describe('an edi3 document that does not read one way', () => {
  const read = (text: string | Buffer) => readFormatDocument(EDI3_MEDIA_TYPE, Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));

  it('is refused for a duplicate key, naming where', async () => {
    const result = await read('{"exportDocument":{"id":"A","id":"B"}}');
    expect(result).toEqual({ ok: false, violations: [expect.objectContaining({ ruleId: 'FORMAT-JSON', path: expect.stringContaining('id') })] });
  });

  it('is refused when nested deeper than the hub reads, before anything recurses', async () => {
    const result = await read(`${'['.repeat(5000)}${']'.repeat(5000)}`);
    expect(result).toEqual({ ok: false, violations: [expect.objectContaining({ ruleId: 'FORMAT-JSON' })] });
  });

  it('is refused for bytes that are not UTF-8', async () => {
    const result = await read(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]));
    expect(result).toEqual({ ok: false, violations: [expect.objectContaining({ ruleId: 'FORMAT-JSON' })] });
  });

  it('is refused for a string PostgreSQL cannot store, naming it', async () => {
    const result = await read('{"exportDocument":{"id":"A\\u0000"}}');
    expect(result).toEqual({ ok: false, violations: [expect.objectContaining({ ruleId: 'FORMAT-JSON', path: expect.stringContaining('id') })] });
  });
});
