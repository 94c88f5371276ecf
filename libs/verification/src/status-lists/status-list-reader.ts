import { checkFormat } from '../credentials/checks/format.check.js';
import { SignedPayloadCheck } from '../credentials/checks/signed-payload.check.js';
import { FetchFailed, type PublicFetcher } from '../fetching/public-fetcher.js';
import { type CheckOutcome, failedToCheck } from '../pipeline/check.js';
import type { SignatureVerifier } from '../signatures/signature-verifier.js';
import { type StatusList, statusListOf, tooLarge } from './status-list-credential.js';

export type StatusListRead = { list: StatusList } | { outcome: CheckOutcome };

/**
 * Anyone can sign a credential with a fresh did:ethr and point it at a list of their own, so what
 * verified lists may hold in memory is bounded; the oldest are dropped first.
 */
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

/**
 * Fetches a status list, verifies it as strictly as a credential in any of its formats (format,
 * signature against its issuer's DID as it is now, signed payload), and keeps it for `cacheSeconds`
 * (never past the list's own expiry).
 * Only lists that verified are kept, so a failure is retried by the next verification. Concurrent
 * reads of one URL share one fetch.
 */
export class StatusListReader {
  private readonly cache = new Map<string, { list: StatusList; until: number }>();
  private readonly inFlight = new Map<string, Promise<StatusListRead>>();
  private readonly signedPayload = new SignedPayloadCheck();

  constructor(
    private readonly fetcher: PublicFetcher,
    private readonly signatures: SignatureVerifier,
    private readonly cacheSeconds: number,
    private readonly clock: () => number = Date.now,
  ) {}

  read(url: string): Promise<StatusListRead> {
    const cached = this.cache.get(url);
    if (cached && cached.until > this.clock()) return Promise.resolve({ list: cached.list });
    let pending = this.inFlight.get(url);
    if (!pending) {
      pending = this.fetchVerified(url)
        .then((read) => {
          if ('list' in read) this.remember(url, read.list);
          return read;
        })
        .finally(() => this.inFlight.delete(url));
      this.inFlight.set(url, pending);
    }
    return pending;
  }

  private async fetchVerified(url: string): Promise<StatusListRead> {
    let response: { status: number; body: unknown };
    try {
      response = await this.fetcher.json(url);
    } catch (error) {
      if (error instanceof FetchFailed && error.failure === 'too_large') return tooLarge(url, error.message);
      return unavailable(`The status list ${url} could not be fetched (${(error as Error).message}); try again later.`);
    }
    if (response.status !== 200) return unavailable(`The status list ${url} answered HTTP ${response.status}; try again later.`);
    const format = checkFormat(response.body);
    if (!format.parsed) {
      return {
        outcome: failedToCheck(
          'STATUS_LIST_MALFORMED',
          `The status list ${url} is not a credential this verifier reads: ${format.outcome.reason?.message}`,
        ),
      };
    }
    const signature = await this.signatures.credential(format.parsed);
    if (signature.status === 'error')
      return unavailable(`The status list ${url} could not be verified right now: ${signature.reason?.message}`);
    if (signature.status !== 'valid') return signatureInvalid(`The status list ${url} is not validly signed: ${signature.reason?.message}`);
    const signedPayload = await this.signedPayload.run(format.parsed);
    if (signedPayload.status !== 'valid')
      return signatureInvalid(`The status list ${url} is not what its issuer signed: ${signedPayload.reason?.message}`);
    return statusListOf(format.parsed, url, this.clock());
  }

  private remember(url: string, list: StatusList): void {
    const now = this.clock();
    const until = Math.min(now + this.cacheSeconds * 1000, list.expiresAt ?? Infinity);
    if (until <= now) return;
    this.cache.delete(url);
    this.cache.set(url, { list, until });
    let bytes = [...this.cache.values()].reduce((sum, cached) => sum + cached.list.bits.byteLength, 0);
    for (const [cachedUrl, cached] of this.cache) {
      if (cached.until > now && bytes <= MAX_CACHED_BYTES) continue;
      this.cache.delete(cachedUrl);
      bytes -= cached.list.bits.byteLength;
    }
  }
}

function unavailable(message: string): StatusListRead {
  return { outcome: failedToCheck('STATUS_LIST_UNAVAILABLE', message) };
}

function signatureInvalid(message: string): StatusListRead {
  return { outcome: failedToCheck('STATUS_LIST_SIGNATURE_INVALID', message) };
}
