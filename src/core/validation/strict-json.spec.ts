import { JsonProblem, MAX_JSON_DEPTH, escapeUnstorable, readStrictJson } from './strict-json';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);

describe('readStrictJson', () => {
  it('reads ordinary JSON, nesting up to the limit included', () => {
    expect(readStrictJson(bytes('{"a":[1,{"b":"c"}],"d":null}'))).toEqual({ ok: true, value: { a: [1, { b: 'c' }], d: null }, unstorable: [] });
    expect(readStrictJson(bytes(nested(MAX_JSON_DEPTH)))).toMatchObject({ ok: true });
  });

  it('refuses nesting past the limit without recursing, however deep, arrays or objects', () => {
    expect(readStrictJson(bytes(nested(MAX_JSON_DEPTH + 1)))).toMatchObject({ ok: false, problem: JsonProblem.TOO_DEEP });
    // Far deeper than any stack: a recursive reader would overflow.
    expect(readStrictJson(bytes(nested(1_000_000)))).toMatchObject({ ok: false, problem: JsonProblem.TOO_DEEP });
    const objects = '{"a":'.repeat(100) + '1' + '}'.repeat(100);
    const read = readStrictJson(bytes(objects));
    expect(read).toMatchObject({ ok: false, problem: JsonProblem.TOO_DEEP, path: Array(MAX_JSON_DEPTH).fill('a').join('.') });
    // Unbalanced: only opening brackets.
    expect(readStrictJson(bytes('['.repeat(200_000)))).toMatchObject({ ok: false, problem: JsonProblem.TOO_DEEP });
  });

  it('refuses a duplicate key at its path, also when one spelling is escaped', () => {
    expect(readStrictJson(bytes('{"items":[{"hsCode":"0101","hsCode":"9999"}]}'))).toMatchObject({ ok: false, problem: JsonProblem.DUPLICATE_KEY, path: 'items[0].hsCode' });
    expect(readStrictJson(bytes('{"a":1,"\\u0061":2}'))).toMatchObject({ ok: false, problem: JsonProblem.DUPLICATE_KEY, path: 'a' });
    // Past the short list of keys too.
    const wide = Array.from({ length: 30 }, (_, i) => `"k${i}":${i}`).join(',');
    expect(readStrictJson(bytes(`{${wide},"k3":1}`))).toMatchObject({ ok: false, problem: JsonProblem.DUPLICATE_KEY, path: 'k3' });
    expect(readStrictJson(bytes(`{${wide}}`))).toMatchObject({ ok: true });
    // The same key in sibling objects is not a duplicate; nor is a key equal to a value.
    expect(readStrictJson(bytes('[{"a":1},{"a":2},{"b":"a","a":"b"}]'))).toMatchObject({ ok: true });
  });

  it('refuses invalid UTF-8 instead of replacing it with U+FFFD', () => {
    for (const sequence of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80]]) {
      const body = Buffer.concat([bytes('{"name":"'), Buffer.from(sequence), bytes('"}')]);
      expect(readStrictJson(body)).toMatchObject({ ok: false, problem: JsonProblem.INVALID_UTF8 });
    }
    expect(readStrictJson(bytes('{"name":"Phnom Penh \u{1F600} é"}'))).toMatchObject({ ok: true });
  });

  it('names every string holding U+0000 or a lone surrogate, keys included', () => {
    const read = readStrictJson(bytes('{"a":"x\\u0000","b":["ok","\\ud800"],"c\\udc00":1,"d":"\\ud83d\\ude00","weird key":{"e":"\\udfff\\ud800"}}'));
    expect(read).toEqual({ ok: true, value: expect.any(Object), unstorable: ['a', 'b[1]', '["c\\udc00"]', '["weird key"].e'] });
  });

  it('names a raw lone surrogate in text given as a string (a string cannot have been checked as UTF-8)', () => {
    expect(readStrictJson('{"a":"x\ud800","b":"\ud83d\ude00"}')).toEqual({ ok: true, value: expect.any(Object), unstorable: ['a'] });
  });

  it('refuses what is not JSON, and an empty body', () => {
    for (const text of ['{"a":', '{"a" 1}', 'nul', '{"a":"\\u00"}', '"abc', ']']) expect(readStrictJson(bytes(text))).toMatchObject({ ok: false, problem: JsonProblem.SYNTAX });
    expect(readStrictJson(bytes('  '))).toMatchObject({ ok: false, problem: JsonProblem.EMPTY });
  });
});

describe('escapeUnstorable', () => {
  it('writes U+0000 and lone surrogates as their escapes, and keeps everything else', () => {
    expect(escapeUnstorable({ 'k\u0000': ['a\u0000b', '\ud800', '\ud83d\ude00', 1, null] })).toEqual({ 'k\\u0000': ['a\\u0000b', '\\ud800', '\ud83d\ude00', 1, null] });
  });
});
