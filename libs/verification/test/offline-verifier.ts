import type { AnchorReader } from '#anchoring';
import type { KeyResolver } from '#identity';
import type { RegisteredIssuer } from '#schemas';
import type { Resolvable } from 'did-resolver';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { credentialChecks } from '../src/credentials/credential-checks.js';
import { CredentialVerifier } from '../src/credentials/credential-verifier.js';
import { FetchFailed, type PublicFetcher } from '../src/fetching/public-fetcher.js';
import { TrustRegistry } from '../src/trust/trust-registry.js';
import { quietLogger } from './quiet-logger.js';

export interface OfflineVerifier {
  verifier: CredentialVerifier;
  /** Every URL a check asked to fetch (status lists, anchored packages); none is answered. */
  fetched: string[];
}

/** A chain that is never there: a unit test that reaches for it fails loudly. */
const noChain = {
  contractAddress: '0x000000000000000000000000000000000000c0de',
  anchoredBlock: () => Promise.reject(new Error('a unit test reached for the chain')),
  headNumber: () => Promise.reject(new Error('a unit test reached for the chain')),
} as unknown as AnchorReader;

/**
 * Every credential check as the verifier runs them, offline: DIDs from the resolver given, no chain,
 * and a fetcher that answers nothing but records what it was asked for. The institutions given are
 * trusted, as an operator's TRUSTED_ISSUERS_FILE would list them.
 */
export async function offlineVerifier(
  resolver: Resolvable,
  { trusted = [], keyResolverFor }: { trusted?: RegisteredIssuer[]; keyResolverFor?: (resolver: Resolvable) => KeyResolver } = {},
): Promise<OfflineVerifier> {
  const fetched: string[] = [];
  const fetcher = {
    json: async (url: string) => {
      fetched.push(url);
      throw new FetchFailed('unreachable', `${new URL(url).host} could not be reached`);
    },
  } as unknown as PublicFetcher;
  const trustedIssuersFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'trusted-')), 'issuers.json');
  writeFileSync(trustedIssuersFile, JSON.stringify({ type: 'IssuerRegistry', version: 1, institutions: trusted }));
  const trust = new TrustRegistry(
    { registryUrls: [], trustedIssuersFile, refreshSeconds: 3600, missRefreshSeconds: 30 },
    fetcher,
    quietLogger,
  );
  await trust.start();
  const checks = credentialChecks({
    resolver,
    keyResolverFor,
    fetcher: () => fetcher,
    anchors: { reader: noChain, chainId: 31337, confirmations: 1 },
    trust,
    requireTrustedIssuer: false,
    clockSkewSeconds: 300,
    statusListCacheSeconds: 60,
  });
  return { verifier: new CredentialVerifier(checks, trust, { deadlineMs: 10_000, logger: quietLogger }), fetched };
}
