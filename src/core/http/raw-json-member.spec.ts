import { JsonWithRawMember, serializeReply } from './raw-json-member';

describe('an answer with a member already in JSON', () => {
  // As PostgreSQL writes a jsonb value: a space after colons and commas, keys in its own order.
  const documentText = '{"a": [1, 2.50, {"b": null}], "hs": "0810.60", "note": "line one\\nline \\"two\\" \\u0001 ทุเรียน 榴莲", "ok": true}';

  it('carries the member as it came, the rest as JSON.stringify writes it, and reads back as the parsed whole', () => {
    const view = { id: 'b6f3c2a4', status: 'ISSUED', warnings: [{ path: 'items[0]', message: 'x' }], issueDateTime: null };
    const answer = JsonWithRawMember.of(view, 'document', documentText);
    expect(answer.json).toBe(`${JSON.stringify(view).slice(0, -1)},"document":${documentText}}`);
    expect(JSON.parse(answer.json)).toEqual({ ...view, document: JSON.parse(documentText) });
    expect(JSON.parse(answer.json).document.note).toBe('line one\nline "two" \u0001 ทุเรียน 榴莲');
    // PostgreSQL writes in plain digits what JSON.stringify writes with an exponent: the same numbers read back.
    expect(JSON.parse(JsonWithRawMember.of({}, 'n', '[1000000000000000000000, 0.0000001]').json)).toEqual({ n: [1e21, 1e-7] });
  });

  it('replaces a member of the same name, carries null for a missing one, and makes an object of an empty value', () => {
    expect(JSON.parse(JsonWithRawMember.of({ id: 'x', document: { old: true } }, 'document', '{"new": 1}').json)).toEqual({ id: 'x', document: { new: 1 } });
    expect(JsonWithRawMember.of({ id: 'x' }, 'document', null).json).toBe('{"id":"x","document":null}');
    expect(JsonWithRawMember.of({}, 'document', '[1]').json).toBe('{"document":[1]}');
    expect(JSON.parse(JsonWithRawMember.of({ a: undefined }, 'the "member"', '2').json)).toEqual({ 'the "member"': 2 });
  });

  it('is what the reply serializer sends, and any other answer is JSON.stringify\'d', () => {
    const answer = JsonWithRawMember.of({ id: 'x' }, 'document', documentText);
    expect(serializeReply(answer)).toBe(answer.json);
    const other = { id: 'x', when: new Date('2026-12-07T00:00:00Z'), list: [1, 'two'] };
    expect(serializeReply(other)).toBe(JSON.stringify(other));
    expect(serializeReply([1, null])).toBe('[1,null]');
  });
});
