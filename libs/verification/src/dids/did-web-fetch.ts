import type { DidWebFetch } from '#identity';
import type { PublicFetcher } from '../fetching/public-fetcher.js';

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * How a did:web document is fetched: through the hardened fetcher (public addresses only unless the
 * operator allows others, a deadline, a size cap). did:web is HTTPS by its specification; with
 * `loopbackOverHttp` (development, where nothing on the machine has a certificate) a document on a
 * loopback host is fetched over plain HTTP instead.
 */
export function didWebFetch(fetcher: PublicFetcher, { loopbackOverHttp }: { loopbackOverHttp: boolean }): DidWebFetch {
  return (url) => {
    const target = new URL(url);
    if (loopbackOverHttp && LOOPBACK_HOSTS.includes(target.hostname)) target.protocol = 'http:';
    return fetcher.json(target.href);
  };
}
