import { isPrivateAddress, PublicFetcher } from './public-fetcher.js';

describe('isPrivateAddress', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1'])(
    'refuses %s',
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );

  it.each(['8.8.8.8', '172.32.0.1', '192.169.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe('PublicFetcher', () => {
  const strict = new PublicFetcher({ allowPrivateNetworks: false, timeoutMs: 1000, maxBytes: 1000 });

  it.each(['http://127.0.0.1:9/x', 'http://[::1]:9/x', 'http://localhost:9/x', 'file:///etc/passwd', 'ftp://example.org/x'])('refuses %s without connecting', async (url) => {
    await expect(strict.json(url)).rejects.toThrow(/private address|only http/);
  });
});
