import type { SchemaViolation } from './ajv.js';

/**
 * A violation at the end's path when both dates are present and the end comes before the start
 * (or, for `later`, does not come after it). Dates are compared as instants, whatever their offsets.
 */
export function dateOrderViolations(
  start: { name: string; value: unknown },
  end: { path: string; value: unknown },
  order: 'later' | 'not-earlier',
): SchemaViolation[] {
  if (typeof start.value !== 'string' || typeof end.value !== 'string') return [];
  const [from, to] = [Date.parse(start.value), Date.parse(end.value)];
  const wrong = order === 'later' ? to <= from : to < from;
  return wrong ? [{ path: end.path, message: `must be ${order === 'later' ? 'later than' : 'no earlier than'} ${start.name}` }] : [];
}
