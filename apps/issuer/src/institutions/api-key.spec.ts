import { generateApiKey, parseApiKey, secretMatches } from './api-key.js';

describe('API keys', () => {
  it('parses a generated key back into its prefix and a secret that matches the stored hash', () => {
    const { key, prefix, secretHash } = generateApiKey();
    const parsed = parseApiKey(key);
    expect(parsed?.prefix).toBe(prefix);
    expect(secretMatches(parsed!.secret, secretHash)).toBe(true);
  });

  it('stores no part of the secret in clear', () => {
    const { key, secretHash } = generateApiKey();
    expect(secretHash.toString('hex')).not.toContain(parseApiKey(key)!.secret);
    expect(secretHash.toString('base64url')).not.toContain(parseApiKey(key)!.secret);
  });

  it('refuses a secret from another key', () => {
    const first = generateApiKey();
    const second = generateApiKey();
    expect(secretMatches(parseApiKey(second.key)!.secret, first.secretHash)).toBe(false);
  });

  it.each(['', 'lc_', 'lc_0123456789abcdef_short', 'xx_0123456789abcdef_' + 'a'.repeat(43), 'Bearer lc_x'])(
    'rejects the malformed key %j',
    (key) => {
      expect(parseApiKey(key)).toBeUndefined();
    },
  );
});
