import type { DIDDocument, DIDResolver } from 'did-resolver';
import { resolved, unresolved } from './resolution-results.js';

/**
 * GETs a DID document. The caller passes its hardened fetcher (a total deadline, a size cap, only
 * public addresses): `PublicFetcher.json` from libs/verification fits. It throws when it got no
 * answer, and the resolution then throws too, as a chain that does not answer does for did:ethr.
 */
export type DidWebFetch = (url: string) => Promise<{ status: number; body: unknown }>;

/** A path segment of a did:web identifier: URL path characters, percent-encoded ones included, and not `.` or `..`. */
const PATH_SEGMENT = /^(?!\.{1,2}$)(?:[A-Za-z0-9._~!$&'()*+,;=@-]|%[0-9A-Fa-f]{2})+$/;

/**
 * Where a did:web DID's document is, by the did:web specification: the colons of the identifier
 * become slashes, a percent-encoded colon in the host is its port, `/.well-known` stands in for a
 * missing path, and `/did.json` ends it; always HTTPS. Undefined for an identifier that names no
 * such URL (no host, an IP literal the host part cannot hold, a path segment `..`).
 */
export function didWebDocumentUrl(did: string): URL | undefined {
  const match = /^did:web:([^:/?#]+)((?::[^:/?#]+)*)$/.exec(did);
  if (!match) return undefined;
  const host = match[1].replace(/%3A/gi, ':');
  if (!/^[A-Za-z0-9.-]+(?::[0-9]{1,5})?$/.test(host)) return undefined;
  const segments = match[2].split(':').slice(1);
  if (!segments.every((segment) => PATH_SEGMENT.test(segment))) return undefined;
  let url: URL;
  try {
    url = new URL(`https://${host}`);
  } catch {
    return undefined;
  }
  if (url.host !== host.toLowerCase().replace(/:443$/, '')) return undefined;
  url.pathname = `${segments.length > 0 ? `/${segments.join('/')}` : '/.well-known'}/did.json`;
  return url;
}

/**
 * did:web, fetched with the fetch function the caller injects. A document whose `id` is not the DID
 * asked for is refused: whoever serves the URL can name any DID in it, and a key listed there must
 * not speak for another identifier.
 */
export function didWebResolver(fetchJson: DidWebFetch): DIDResolver {
  return async (did) => {
    const url = didWebDocumentUrl(did);
    if (!url) return unresolved('invalidDid', `${did} is not a did:web identifier that names an HTTPS URL.`);
    const { status, body } = await fetchJson(url.href);
    if (status === 404 || status === 410) return unresolved('notFound', `${url.href} answered ${status}.`);
    if (status < 200 || status > 299) throw new Error(`${url.href} answered ${status}.`);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return unresolved('invalidDidDocument', `${url.href} did not answer a JSON object.`);
    const document = body as DIDDocument;
    if (document.id !== did)
      return unresolved('invalidDidDocument', `The document at ${url.href} is for ${JSON.stringify(document.id)}, not ${did}.`);
    return resolved(document, '@context' in document ? 'application/did+ld+json' : 'application/did+json');
  };
}
