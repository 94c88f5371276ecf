import { codeSpans, readmeTable } from '../../../../test/readme-tables.js';
import { REASON_CODES } from './reason-codes.js';

describe('REASON_CODES', () => {
  it("is the README's reason-code table: every code documented with its checks, status and meaning, and every documented code real", () => {
    const documented = readmeTable('#### Reason codes').map(([code, checks, status, meaning]) => ({
      code: codeSpans(code)[0],
      checks: codeSpans(checks),
      status,
      meaning,
    }));
    // The runner's own codes, which any check may end with, have no checks of their own: `any`.
    const defined = Object.entries(REASON_CODES).map(([code, { checks, status, meaning }]) => ({ code, checks, status, meaning }));
    const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);
    expect(documented.sort(byCode)).toEqual(defined.sort(byCode));
  });
});
