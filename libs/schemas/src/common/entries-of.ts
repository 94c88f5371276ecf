/** A member that is one value or a list of them (as JSON-LD allows), each with its JSON pointer. */
export function entriesOf(value: unknown, path: string): [string, unknown][] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map((entry, i) => [`${path}/${i}`, entry]) : [[path, value]];
}
