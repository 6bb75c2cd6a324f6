import { urlViolations } from './hostile-input';

describe('urlViolations', () => {
  it('accepts ordinary paths and query strings, UTF-8 percent-encoded included', () => {
    expect(urlViolations('/v1/certificates?status=ISSUED&limit=5')).toEqual([]);
    expect(urlViolations('/v1/certificates?q=Phnom%20Penh%20%E2%9C%93&empty=&flag')).toEqual([]);
  });

  it('names the query parameter that holds U+0000 or bytes that are not UTF-8', () => {
    expect(urlViolations('/v1/certificates?status=%00')).toEqual([expect.objectContaining({ ruleId: 'URL-001', path: 'query.status' })]);
    expect(urlViolations('/v1/certificates?number=%ED%A0%80')).toEqual([expect.objectContaining({ path: 'query.number' })]);
    expect(urlViolations('/v1/certificates?a=%FF&b=ok&c=x%00')).toEqual([expect.objectContaining({ path: 'query.a' }), expect.objectContaining({ path: 'query.c' })]);
    expect(urlViolations('/v1/certificates?%00=1')).toEqual([expect.objectContaining({ path: 'query' })]);
  });

  it('refuses U+0000 or invalid UTF-8 in the path, and raw non-ASCII', () => {
    expect(urlViolations('/verify/abc%00def')).toEqual([expect.objectContaining({ path: 'path' })]);
    expect(urlViolations('/verify/%C3')).toEqual([expect.objectContaining({ path: 'path' })]);
    expect(urlViolations('/verify/caf\u00e9')).toEqual([expect.objectContaining({ path: 'path' })]);
  });
});
