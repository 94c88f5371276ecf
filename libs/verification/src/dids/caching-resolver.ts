import { type DIDResolutionResult, parse, type Resolvable } from 'did-resolver';

export interface DidCacheOptions {
  /** The DID methods whose documents are kept (`web`): those fetched over the network, not those on chain or computed. */
  methods: readonly string[];
  ttlSeconds: number;
  /** Documents kept at most; the oldest go first. */
  maxEntries: number;
}

/**
 * A resolver that keeps the documents of some DID methods for a while: did:web is fetched from its
 * issuer's web server, and one document serves every credential the issuer signed. Only documents
 * that resolved are kept (a server that answered wrongly is asked again next time), for
 * `ttlSeconds`, at most `maxEntries` of them; concurrent resolutions of one DID share one fetch.
 * did:ethr is not kept, so that a key rotated on chain counts at once; did:key and did:jwk cost
 * nothing to compute.
 */
export function cachingResolver(resolver: Resolvable, options: DidCacheOptions, clock: () => number = Date.now): Resolvable {
  const kept = new Map<string, { resolution: DIDResolutionResult; until: number }>();
  const inFlight = new Map<string, Promise<DIDResolutionResult>>();
  const remember = (did: string, resolution: DIDResolutionResult) => {
    if (resolution.didResolutionMetadata.error || !resolution.didDocument || options.ttlSeconds === 0) return;
    kept.delete(did);
    kept.set(did, { resolution, until: clock() + options.ttlSeconds * 1000 });
    for (const oldest of kept.keys()) {
      if (kept.size <= options.maxEntries) break;
      kept.delete(oldest);
    }
  };
  return {
    resolve: async (didUrl, resolutionOptions) => {
      const parsed = parse(didUrl);
      // Only a bare DID is kept: a DID URL with a query (a version) is another document.
      if (!parsed || parsed.query !== undefined || !options.methods.includes(parsed.method))
        return resolver.resolve(didUrl, resolutionOptions);
      const { did } = parsed;
      const hit = kept.get(did);
      if (hit && hit.until > clock()) return structuredClone(hit.resolution);
      let pending = inFlight.get(did);
      if (!pending) {
        pending = resolver
          .resolve(did, resolutionOptions)
          .then((resolution) => {
            remember(did, resolution);
            return resolution;
          })
          .finally(() => inFlight.delete(did));
        inFlight.set(did, pending);
      }
      return structuredClone(await pending);
    },
  };
}
