import { codeSpans, readmeTable } from '../../../test/readme-tables.js';
import { httpStatusOf } from './domain-error.filter.js';
import { ERROR_CODES } from './error-codes.js';

describe('ERROR_CODES', () => {
  it("is the README's error table: every code documented with its status and meaning, and every documented code real", () => {
    const documented = readmeTable('### Errors').map(([code, status, meaning]) => ({
      code: codeSpans(code)[0],
      status: Number(status),
      meaning,
    }));
    const defined = Object.entries(ERROR_CODES).map(([code, { kind, meaning }]) => ({ code, status: httpStatusOf(kind), meaning }));
    const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);
    expect(documented.sort(byCode)).toEqual(defined.sort(byCode));
  });
});
