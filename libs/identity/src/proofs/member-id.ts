/** The `id` of a member that is a URL or an object with an `id` (`issuer`, `holder`). */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const id = (value as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}
