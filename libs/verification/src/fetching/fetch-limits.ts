import { MIN_STATUS_LIST_ENTRIES } from '#schemas';

/**
 * What one outbound fetch may bring back, by what it fetches. The README's "Outbound fetches" lists
 * these with the configurable deadline and concurrency.
 */
export const FETCH_LIMITS = {
  /**
   * A status list of 131,072 entries: 16 KiB of bits, at worst (random bits) about 16.4 KB gzipped
   * and 22 KB as base64url, served as the decoded credential beside its JWT (where it is base64url
   * again). Our issuer's worst case, with a 200-character name and URL, measured 53.6 KB.
   */
  statusListBytes: 64 * 1024,
  /** The decoded bits of a status list: 131,072 entries, no more. */
  statusListBitsBytes: MIN_STATUS_LIST_ENTRIES / 8,
  /** Distinct status lists read for one credential; ours name two (revocation and suspension). */
  statusListsPerCredential: 4,
  /** An anchored package: the credential (its JWT and its decoded JSON) and its receipt. */
  anchoredPackageBytes: 1024 * 1024,
  /** One page of an operator-named issuer registry, all its pages together, and how many pages. */
  registryPageBytes: 1024 * 1024,
  registryTotalBytes: 16 * 1024 * 1024,
  registryPages: 1000,
} as const;
