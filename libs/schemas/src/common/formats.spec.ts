import { FORMATS } from './formats.js';
import { readableTextProblem } from './readable-text.js';

const accepts = (format: string, value: string) => FORMATS[format].validate(value);

describe('resolvable-did', () => {
  it.each([
    'did:ethr:0x7a69:0x5B38Da6a701c568545dCfcB03FcB875f56beddC4',
    'did:ethr:0x02b97c30de767f084ce3080168ee293053ba33b235d7116a3263d29f1450936b71',
    'did:ethr:sepolia:0x5B38Da6a701c568545dCfcB03FcB875f56beddC4',
    'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    'did:jwk:eyJrdHkiOiJPS1AiLCJjcnYiOiJYMjU1MTkiLCJ1c2UiOiJlbmMiLCJ4IjoiM3A3YmZYdDl3YlRUVzJIQzdPUTFOei1EUThoYmVHZE5yZngtRkctSUswOCJ9',
    'did:web:example.edu',
    'did:web:example.edu%3A8443:learners:ada',
  ])('accepts %s', (did) => expect(accepts('resolvable-did', did)).toBe(true));

  it.each([
    'did:x:y',
    'did:example:123',
    'did:ethr:0x1234',
    'did:ethr:0x7a69:0xZZ38Da6a701c568545dCfcB03FcB875f56beddC4',
    'did:key:6Mk',
    'did:key:z0OIl',
    'did:jwk:a.b',
    'did:web:',
    'did:web:exa mple.com',
    'did:web:example.edu/path',
    'did:key:z6Mk#key-1',
  ])('refuses %s', (did) => expect(accepts('resolvable-did', did)).toBe(false));
});

describe('linkable-uri', () => {
  it.each([
    'https://example.edu/courses/CS-210',
    'http://example.edu',
    'urn:uuid:2f5c7c1e-8d7a-4b8e-9a51-6f0d1d0b9a11',
    'did:web:example.edu',
  ])('accepts %s', (uri) => expect(accepts('linkable-uri', uri)).toBe(true));

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,hi',
    'file:///etc/passwd',
    'ftp://example.edu',
    'https://exa mple.edu',
    'CS 210',
  ])('refuses %s', (uri) => expect(accepts('linkable-uri', uri)).toBe(false));
});

describe('date ranges', () => {
  it('keeps dates a VC-JWT carries between 2000 and 3000, the epoch excluded', () => {
    expect(accepts('signing-date-time', '2026-07-01T12:00:00Z')).toBe(true);
    expect(accepts('signing-date-time', '2000-01-01T00:00:00Z')).toBe(true);
    expect(accepts('signing-date-time', '2999-12-31T23:59:59Z')).toBe(true);
    for (const date of [
      '1970-01-01T00:00:00Z',
      '1999-12-31T23:59:59Z',
      '9999-12-31T23:59:59Z',
      '2999-12-31T23:59:59-01:00',
      '2026-02-30T00:00:00Z',
    ]) {
      expect({ date, accepted: accepts('signing-date-time', date) }).toEqual({ date, accepted: false });
    }
  });

  it('lets events go back to 1900', () => {
    expect(accepts('event-date-time', '1950-09-01T00:00:00+02:00')).toBe(true);
    expect(accepts('event-date-time', '1899-12-31T23:59:59Z')).toBe(false);
  });
});

describe('readableTextProblem', () => {
  it('passes text in any script, with tabs and line breaks', () => {
    for (const text of ['Linear Algebra', 'Álgebra lineal', 'الجبر الخطي', '線形代数 🧮', 'Line one\nline two\ttabbed'])
      expect(readableTextProblem(text)).toBeUndefined();
  });

  it('refuses blank text, controls, bidirectional overrides and isolates, and unpaired surrogates', () => {
    expect(readableTextProblem(' \t\n')).toBe('must not be blank');
    for (const text of ['a\u0000', 'a\u0007', 'a\u009b', 'a\u202eb', 'a\u2066b', 'a\ud800', '\udc00b'])
      expect(readableTextProblem(text)).toMatch(/control characters/);
  });
});

describe('date-time-stamp', () => {
  it.each(['2026-07-01T12:00:00Z', '2023-02-26T01:02:58.447Z', '2023-02-25T19:21:29-06:00', '4023-02-26T01:02:58.447Z'])(
    'accepts %s',
    (value) => expect(accepts('date-time-stamp', value)).toBe(true),
  );

  it.each([
    '2026-07-01T12:00:00',
    '2026-07-01 12:00:00Z',
    '2026-07-01t12:00:00z',
    '2026-07-01',
    '2026-02-30T12:00:00Z',
    'Sat 25 Feb 2023 07:16:31 PM CST',
  ])('refuses %s', (value) => expect(accepts('date-time-stamp', value)).toBe(false));
});
