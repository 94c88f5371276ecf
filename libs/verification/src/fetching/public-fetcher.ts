import { type LookupAddress, promises as dns } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { isIP, type LookupFunction } from 'node:net';
import type { VerificationLogger } from '../logger.js';
import { raceDeadline } from '../race-deadline.js';
import type { FetchSlots } from './fetch-slots.js';
import { isPrivateAddress } from './private-networks.js';

/** Why a fetch gave nothing, as a kind a caller can act on. */
export type FetchFailure = 'refused' | 'unreachable' | 'too_large' | 'deadline' | 'not_json' | 'broken';

/** A fetch that gave nothing; the message is safe to show in a report (it never carries a socket error). */
export class FetchFailed extends Error {
  constructor(
    readonly failure: FetchFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface FetchPolicy {
  allowPrivateNetworks: boolean;
  /** The whole fetch, from waiting for a slot to the last byte, in milliseconds. */
  deadlineMs: number;
  maxBytes: number;
  /**
   * Certificate authorities (PEM) trusted beside the system's for https, e.g. the self-signed
   * certificate of a local issuer in development; the system's alone when unset.
   */
  trustedCa?: string;
}

export interface FetchedJson {
  status: number;
  body: unknown;
  /** The size of the answer's body. */
  bytes: number;
}

/** Every address a host name resolves to, as the system resolver (hosts file included) says. */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/**
 * GETs JSON from a URL that a verified credential (or the operator) named, and nothing else: http(s)
 * only, one total deadline, a size cap, a slot among the process's concurrent fetches, and unless
 * configured (as in development) no address that is not public. A host name is resolved here, every
 * address it has is checked, and the socket connects only to those checked addresses (the request
 * still names the host, for TLS SNI and the Host header), so DNS cannot swap in another one after
 * the check.
 */
export class PublicFetcher {
  constructor(
    private readonly policy: FetchPolicy,
    private readonly slots: FetchSlots,
    private readonly logger: VerificationLogger,
    private readonly resolve: Resolve = systemResolve,
  ) {}

  async json(url: string): Promise<FetchedJson> {
    const target = new URL(url);
    if (target.protocol !== 'https:' && target.protocol !== 'http:')
      throw new FetchFailed('refused', `only http(s) URLs are fetched, not ${target.protocol}`);
    const deadline = Date.now() + this.policy.deadlineMs;
    let release: () => void;
    try {
      release = await this.slots.acquire(deadline);
    } catch (error) {
      throw this.unreachable(target, error);
    }
    try {
      const addresses = await this.addressesOf(target, deadline);
      return await this.get(target, addresses, deadline);
    } finally {
      release();
    }
  }

  private async addressesOf(target: URL, deadline: number): Promise<LookupAddress[]> {
    const literal = target.hostname.replace(/^\[|\]$/g, '');
    let addresses: LookupAddress[];
    if (isIP(literal)) addresses = [{ address: literal, family: isIP(literal) }];
    else {
      try {
        addresses = await raceDeadline(this.resolve(literal), deadline, () => {
          throw new Error('deadline passed');
        });
      } catch (error) {
        throw this.unreachable(target, error);
      }
      if (addresses.length === 0) throw this.unreachable(target, new Error('no address'));
    }
    if (!this.policy.allowPrivateNetworks && addresses.some(({ address }) => isPrivateAddress(address))) {
      throw new FetchFailed('refused', isIP(literal) ? `${literal} is a private address` : `${literal} resolves to a private address`);
    }
    return addresses;
  }

  private get(target: URL, addresses: LookupAddress[], deadline: number): Promise<FetchedJson> {
    const client = target.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      let answered = false;
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const fail = (error: Error) =>
        settle(() => {
          request.destroy();
          reject(
            error instanceof FetchFailed
              ? error
              : answered
                ? new FetchFailed('broken', 'the answer broke off')
                : this.unreachable(target, error),
          );
        });
      const ca = target.protocol === 'https:' && this.policy.trustedCa ? [...tls.rootCertificates, this.policy.trustedCa] : undefined;
      const request = client.get(target, { headers: { Accept: 'application/json' }, lookup: checkedLookup(addresses), ca }, (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > this.policy.maxBytes) fail(new FetchFailed('too_large', `the answer is larger than ${this.policy.maxBytes} bytes`));
          else chunks.push(chunk);
        });
        response.on('end', () =>
          settle(() => {
            try {
              resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), bytes: size });
            } catch {
              reject(new FetchFailed('not_json', 'the answer is not JSON'));
            }
          }),
        );
        response.on('error', fail);
        response.on('close', () => fail(new FetchFailed('broken', 'the answer broke off')));
      });
      request.on('error', fail);
      // One deadline for the whole exchange: a server that trickles bytes is cut off at it.
      timer = setTimeout(
        () =>
          fail(
            answered
              ? new FetchFailed('deadline', `the answer did not arrive in full within ${this.policy.deadlineMs} ms`)
              : new Error('the deadline passed before an answer'),
          ),
        Math.max(0, deadline - Date.now()),
      );
    });
  }

  /** One message for every failure before an answer (refused, unreachable, TLS, DNS): the detail would map the network. */
  private unreachable(target: URL, cause: unknown): FetchFailed {
    this.logger.debug(`${target.origin} could not be reached: ${(cause as Error)?.message ?? cause}`);
    return new FetchFailed('unreachable', `${target.host} could not be reached`);
  }
}

/**
 * The socket's address lookup, answering only with the addresses already checked, in the form Node
 * asks for: with `all` (as its network family auto-selection does), every address as an array.
 */
function checkedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const usable = options.family === 4 || options.family === 6 ? addresses.filter(({ family }) => family === options.family) : addresses;
    if (usable.length === 0) return callback(Object.assign(new Error('no checked address of that family'), { code: 'ENOTFOUND' }), '', 0);
    if (options.all) return callback(null, usable);
    callback(null, usable[0].address, usable[0].family);
  };
}
