import { MAX_JSON_DEPTH, screenJson, screenUrl } from './request-screening.js';

const nested = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let level = 0; level < depth; level++) value = level % 2 ? [value] : { a: value };
  return value;
};

describe('screenUrl', () => {
  it('passes well-formed paths, encoded UTF-8 included', () => {
    for (const url of ['/', '/v1/credentials/urn%3Auuid%3A2f5c7c1e', '/v/%E2%82%AC', '/v1/credentials?limit=5&q=%ff'])
      expect(screenUrl(url)).toBeUndefined();
  });

  it.each(['/v/%ff', '/v1/credentials/%C0%AF', '/v/%', '/v/%E2%82', '/v/%zz', '/%E2/%82%AC'])('refuses %s as MALFORMED_URL', (url) => {
    expect(screenUrl(url)?.code).toBe('MALFORMED_URL');
  });

  it('refuses a NUL character in the path or the query', () => {
    expect(screenUrl('/v1/anchors/credentials/%00')?.code).toBe('INVALID_CHARACTER');
    expect(screenUrl('/v1/credentials?limit=%00')?.code).toBe('INVALID_CHARACTER');
    expect(screenUrl('/v1/credentials/%2500')).toBeUndefined();
  });
});

describe('screenJson', () => {
  it(`passes values nested up to ${MAX_JSON_DEPTH} levels`, () => {
    expect(screenJson(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(screenJson({ a: [1, 'two', null, true, { b: 'c' }] })).toBeUndefined();
  });

  it('refuses deeper values, without overflowing the stack itself', () => {
    expect(screenJson(nested(MAX_JSON_DEPTH + 1))?.code).toBe('JSON_TOO_DEEP');
    expect(screenJson(nested(1_000_000))?.code).toBe('JSON_TOO_DEEP');
  });

  it('refuses a NUL character in any string, keys included', () => {
    expect(screenJson({ a: ['ok', 'n\u0000'] })?.code).toBe('INVALID_CHARACTER');
    expect(screenJson({ 'k\u0000': 1 })?.code).toBe('INVALID_CHARACTER');
    expect(screenJson('\u0000')?.code).toBe('INVALID_CHARACTER');
  });
});
