/**
 * A slug names an institution in its did:web identifier and document URL for good: lower-case
 * letters, digits and single hyphens inside, 1 to 63 characters, so it is a did:web path segment and
 * a URL path segment as it is.
 */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The slug a name suggests: its letters and digits without accents, lower case, hyphens between words. */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 50)
    .replace(/^-+|-+$/g, '');
  return slug || 'institution';
}

/** The first of `base`, `base-2`, `base-3`, ... that is not taken. */
export async function freeSlug(base: string, taken: (slug: string) => boolean | Promise<boolean>): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base.slice(0, 50)}-${n}`;
    if (!(await taken(candidate))) return candidate;
  }
}
