import { MemoryChallengeStore } from './memory-challenge-store.js';

describe('MemoryChallengeStore', () => {
  it('hands out random challenges bound to a domain, each usable once', async () => {
    const store = new MemoryChallengeStore(600);
    const { challenge, domain, expiresAt } = await store.issue('admissions.school.example');
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((await store.issue('admissions.school.example')).challenge).not.toBe(challenge);
    expect(domain).toBe('admissions.school.example');
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(await store.use(challenge)).toEqual({ ok: true, domain: 'admissions.school.example' });
    expect(await store.use(challenge)).toEqual({ ok: false, code: 'CHALLENGE_ALREADY_USED' });
    expect(await store.use('never-issued')).toEqual({ ok: false, code: 'CHALLENGE_UNKNOWN' });
  });

  it('refuses a challenge after its expiry, and uses it up all the same', async () => {
    let now = 0;
    const store = new MemoryChallengeStore(60, () => now);
    const { challenge } = await store.issue('school.example');
    now = 60_000;
    expect(await store.use(challenge)).toEqual({ ok: false, code: 'CHALLENGE_EXPIRED' });
    expect(await store.use(challenge)).toEqual({ ok: false, code: 'CHALLENGE_ALREADY_USED' });
  });
});
