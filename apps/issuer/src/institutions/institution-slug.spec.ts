import { freeSlug, SLUG_PATTERN, slugOf } from './institution-slug.js';

describe('slugOf', () => {
  it.each([
    ['Université de Genève', 'universite-de-geneve'],
    ['  Open   Campus! ', 'open-campus'],
    ['MIT — Sloan', 'mit-sloan'],
    ['東京大学', 'institution'],
    ['x'.repeat(80), 'x'.repeat(50)],
  ])('%s -> %s, a did:web path segment', (name, slug) => {
    expect(slugOf(name)).toBe(slug);
    expect(SLUG_PATTERN.test(slug)).toBe(true);
  });
});

describe('freeSlug', () => {
  it('takes the first of base, base-2, base-3, ... that is free', async () => {
    const taken = new Set(['open-campus', 'open-campus-2']);
    expect(await freeSlug('open-campus', (slug) => taken.has(slug))).toBe('open-campus-3');
    expect(await freeSlug('other', async (slug) => taken.has(slug))).toBe('other');
  });
});
