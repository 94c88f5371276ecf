import { Resolver } from 'did-resolver';
import { type EthrNetwork, ethrDidMethod } from '../ethr-network.js';
import { resolveDidJwk } from './did-jwk.resolver.js';
import { resolveDidKey } from './did-key.resolver.js';
import { type DidWebFetch, didWebResolver } from './did-web.resolver.js';

export interface DidResolverOptions {
  /** did:ethr on this chain; DIDs of other networks do not resolve. Without it, no did:ethr resolves. */
  ethr?: EthrNetwork;
  /** How did:web documents are fetched; without it, did:web does not resolve (offline checks). */
  fetchDidWeb?: DidWebFetch;
}

/**
 * One resolver for every DID method we accept: did:ethr on our chain, did:key and did:jwk (computed
 * from the identifier, offline) and did:web (fetched through the injected fetcher). Any other
 * method resolves to `unsupportedDidMethod`. A resolution that could not be made (the chain or the
 * web server did not answer) throws; one that was made and found nothing answers with an error in
 * its `didResolutionMetadata`.
 */
export function createDidResolver({ ethr, fetchDidWeb }: DidResolverOptions = {}): Resolver {
  return new Resolver(
    {
      ...(ethr ? ethrDidMethod(ethr) : {}),
      key: resolveDidKey,
      jwk: resolveDidJwk,
      ...(fetchDidWeb ? { web: didWebResolver(fetchDidWeb) } : {}),
    },
    { cache: false },
  );
}
