/**
 * A value made on first use, then kept. For compiled schemas that are large (1EdTech's take about a
 * second to compile together) and that not every process, nor every test file, needs.
 */
export function onFirstUse<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
