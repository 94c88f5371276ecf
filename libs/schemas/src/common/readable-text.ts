import type { SchemaViolation } from './ajv.js';

/**
 * Characters no text in a credential may carry: C0 and C1 controls other than tab and line breaks
 * (NUL among them, which Postgres refuses), bidirectional embeddings, overrides and isolates (which
 * make a name display as something else), and unpaired surrogates (not Unicode text at all; a UTF-8
 * encoder replaces them, so the signed bytes would differ from what was asked for).
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const UNREADABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;

const UNREADABLE_MESSAGE = 'must not contain control characters, bidirectional overrides or isolates, or unpaired surrogates';
const BLANK_MESSAGE = 'must not be blank';

/** What is wrong with a text a person will read, if anything. */
export function readableTextProblem(text: string): string | undefined {
  if (UNREADABLE.test(text)) return UNREADABLE_MESSAGE;
  if (!/\S/u.test(text)) return BLANK_MESSAGE;
  return undefined;
}

/**
 * Every string of a JSON value, keys included, that carries characters no credential text may.
 * Iterative: a decoded JWT can nest deeper than the stack goes.
 */
export function unreadableTextViolations(value: unknown): SchemaViolation[] {
  const violations: SchemaViolation[] = [];
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === 'string') {
      if (UNREADABLE.test(current)) violations.push({ path: path || '/', message: UNREADABLE_MESSAGE });
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, member] of Object.entries(current)) {
        const memberPath = `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        if (UNREADABLE.test(key)) violations.push({ path: memberPath, message: `has a name that ${UNREADABLE_MESSAGE}` });
        pending.push({ value: member, path: memberPath });
      }
    }
  }
  return violations;
}
