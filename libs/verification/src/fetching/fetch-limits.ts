import { MIN_STATUS_LIST_ENTRIES } from '#schemas';

/**
 * What one outbound fetch may bring back, by what it fetches. The README's "Outbound fetches" lists
 * these with the configurable deadline and concurrency.
 */
export const FETCH_LIMITS = {
  /**
   * A status list of 131,072 entries of 2 bits (a `message` list): 32 KiB of bits, at worst (random
   * bits) about 33 KB gzipped and 44 KB as base64url, served as a credential whose JWT carries it
   * base64url again, beside its decoded JSON: about 100 KB. A 1-bit list of our issuer measured 53.6 KB
   * at worst.
   */
  statusListBytes: 128 * 1024,
  /** The decoded bits of a status list: 131,072 entries of 2 bits (or 262,144 of one), no more. */
  statusListBitsBytes: (2 * MIN_STATUS_LIST_ENTRIES) / 8,
  /** Distinct status lists read for one credential; ours name two (revocation and suspension). */
  statusListsPerCredential: 4,
  /** A did:web DID document: a few keys and services. */
  didDocumentBytes: 64 * 1024,
  /** An anchored package: the credential (its JWT and its decoded JSON) and its receipt. */
  anchoredPackageBytes: 1024 * 1024,
  /** One page of an operator-named issuer registry, all its pages together, and how many pages. */
  registryPageBytes: 1024 * 1024,
  registryTotalBytes: 16 * 1024 * 1024,
  registryPages: 1000,
} as const;
