import { createDidResolver, createDocumentLoader, didKeyResolver, type DocumentLoader, type KeyResolver } from '#identity';
import type { Resolver } from 'did-resolver';
import { testEnvironment } from '../test-environment.js';

/**
 * did:web over the test issuer's plain HTTP: the did:web method always asks `https://`, and the test
 * issuer answers `http://` on loopback, so the scheme alone is swapped; did:ethr on the run's chain.
 */
export function stackResolver(): Resolver {
  const env = testEnvironment();
  return createDidResolver({
    ethr: { rpcUrl: env.chainRpcUrl, chainId: env.chainId, didRegistry: env.didRegistry },
    fetchDidWeb: async (url) => {
      const response = await fetch(url.replace(/^https:/, 'http:'));
      return { status: response.status, body: await response.json() };
    },
  });
}

/** What verifies a credential the way a verifier would: keys from the DIDs, resolved. */
export function stackVerifiers(): { documentLoader: DocumentLoader; resolveKey: KeyResolver } {
  const resolver = stackResolver();
  return { documentLoader: createDocumentLoader(resolver), resolveKey: didKeyResolver(resolver) };
}
