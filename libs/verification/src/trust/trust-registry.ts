import { type IssuerRegistry, type RegisteredIssuer, validateIssuerRegistry } from '#schemas';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { FETCH_LIMITS } from '../fetching/fetch-limits.js';
import type { PublicFetcher } from '../fetching/public-fetcher.js';
import type { VerificationLogger } from '../logger.js';

export interface TrustConfig {
  /** Issuer registry documents to trust (an issuer service's `/v1/registry`), refreshed periodically. */
  registryUrls: string[];
  /** A registry document of the verifier's own, read at start-up. */
  trustedIssuersFile?: string;
  /** Where fetched registries are kept, so trust survives a restart while a registry is unreachable. */
  storeFile?: string;
  refreshSeconds: number;
  /** An unknown DID refetches the registries at most this often, so a new institution is trusted within it. */
  missRefreshSeconds: number;
}

/** How a registry URL fared at its last refresh, for the health endpoint. */
export interface RegistrySourceHealth {
  url: string;
  /** Whether the last refresh read every page. */
  ok: boolean;
  /** Institutions it vouches for now (from its last full read, or from the store). */
  institutions: number;
  lastSuccessAt?: string;
  /** Since when refreshes have failed, and why the last one did; absent while it refreshes fine. */
  failingSince?: string;
  lastError?: string;
}

export interface TrustedIssuer extends RegisteredIssuer {
  /** The registry URL or file that vouches for it. */
  source: string;
}

type Store = Record<string, IssuerRegistry>;

/**
 * Who the issuer-trust check asks: the verifier's registries, or any other source of institutions
 * (the issuer's credit bank trusts the institutions it hosts). `knows` answers from what is known now,
 * without a refresh, for checks that run before a signature holds.
 */
export interface IssuerTrust {
  find(did: string): Promise<TrustedIssuer | undefined>;
  knows(did: string): boolean | Promise<boolean>;
}

/**
 * The institutions this verifier trusts, by DID: from its operator's file and from the registry
 * documents its operator named, kept in its own store. A registry that cannot be fetched keeps what
 * it said last; one that drops an institution stops vouching for it at the next refresh. `start`
 * it before use, and `stop` it to end its periodic refresh.
 */
export class TrustRegistry implements IssuerTrust {
  private readonly sources = new Map<string, RegisteredIssuer[]>();
  private byDid = new Map<string, TrustedIssuer>();
  private readonly sourceHealth = new Map<string, RegistrySourceHealth>();
  private lastRefresh = Number.NEGATIVE_INFINITY;
  private refreshing?: Promise<void>;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly config: TrustConfig,
    private readonly fetcher: PublicFetcher,
    private readonly logger: VerificationLogger,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Reads the operator's file and the store, then refreshes every registry, and again every `refreshSeconds`. */
  async start(): Promise<void> {
    if (this.config.trustedIssuersFile) this.sources.set(this.config.trustedIssuersFile, readRegistryFile(this.config.trustedIssuersFile));
    for (const [url, registry] of Object.entries(this.readStore())) {
      if (this.config.registryUrls.includes(url)) this.sources.set(url, registry.institutions);
    }
    this.index();
    await this.refresh();
    if (this.config.registryUrls.length > 0) this.timer = setInterval(() => void this.refresh(), this.config.refreshSeconds * 1000).unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The trusted institution that signs with this DID (its own or one it is also known as); an unknown DID first refreshes the registries (throttled). */
  async find(did: string): Promise<TrustedIssuer | undefined> {
    if (!this.byDid.has(did) && this.clock() - this.lastRefresh >= this.config.missRefreshSeconds * 1000) await this.refresh();
    return this.byDid.get(did);
  }

  /** Whether a DID is, by what the registries said last, an institution's: no refresh, for checks that run before a signature holds. */
  knows(did: string): boolean {
    return this.byDid.has(did);
  }

  /** Fetches every registry URL once; concurrent callers share the run. */
  refresh(): Promise<void> {
    this.refreshing ??= this.fetchAll().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** Each registry URL's last refresh: a registry that stopped refreshing shows here, not only in a log line. */
  health(): RegistrySourceHealth[] {
    return this.config.registryUrls.map(
      (url) => this.sourceHealth.get(url) ?? { url, ok: false, institutions: this.sources.get(url)?.length ?? 0 },
    );
  }

  private async fetchAll(): Promise<void> {
    this.lastRefresh = this.clock();
    if (this.config.registryUrls.length === 0) return;
    for (const url of this.config.registryUrls) {
      const at = new Date(this.clock()).toISOString();
      const before = this.sourceHealth.get(url);
      try {
        this.sources.set(url, await this.fetchRegistry(url));
        this.sourceHealth.set(url, { url, ok: true, institutions: this.sources.get(url)!.length, lastSuccessAt: at });
      } catch (error) {
        const message = (error as Error).message;
        this.logger.warn(`Issuer registry ${url} could not be refreshed (${message}); keeping what it said last`);
        this.sourceHealth.set(url, {
          url,
          ok: false,
          institutions: this.sources.get(url)?.length ?? 0,
          ...(before?.lastSuccessAt ? { lastSuccessAt: before.lastSuccessAt } : {}),
          failingSince: before?.failingSince ?? at,
          lastError: message,
        });
      }
    }
    this.index();
    this.writeStore();
  }

  /**
   * Every page of one registry, following each page's `next` on the same origin, within the byte
   * and page caps; all or nothing, so a refresh that breaks off mid-way keeps what the registry said last.
   */
  private async fetchRegistry(url: string): Promise<RegisteredIssuer[]> {
    const institutions: RegisteredIssuer[] = [];
    const origin = new URL(url).origin;
    const read = new Set<string>();
    let pageUrl = url;
    let bytes = 0;
    for (let pages = 1; ; pages++) {
      read.add(pageUrl);
      const { status, body, bytes: pageBytes } = await this.fetcher.json(pageUrl);
      if (status !== 200) throw new Error(`page ${pages} answered HTTP ${status}`);
      const violations = validateIssuerRegistry(body);
      if (violations.length > 0)
        throw new Error(`page ${pages} is not an issuer registry: ${violations.map((v) => `${v.path} ${v.message}`).join('; ')}`);
      bytes += pageBytes;
      if (bytes > FETCH_LIMITS.registryTotalBytes)
        throw new Error(`its pages add up to more than ${FETCH_LIMITS.registryTotalBytes} bytes`);
      const { institutions: page, next } = body as IssuerRegistry;
      institutions.push(...page);
      if (next === undefined) return institutions;
      if (pages >= FETCH_LIMITS.registryPages) throw new Error(`it has more than ${FETCH_LIMITS.registryPages} pages`);
      const nextUrl = new URL(next, pageUrl);
      if (nextUrl.origin !== origin) throw new Error(`page ${pages} names a next page on another origin`);
      if (read.has(nextUrl.href)) throw new Error(`page ${pages} names a page already read as the next one`);
      pageUrl = nextUrl.href;
    }
  }

  /** Every DID an institution signs with, its own and those it is also known as, to the institution; the first source to list a DID wins. */
  private index(): void {
    const byDid = new Map<string, TrustedIssuer>();
    for (const [source, issuers] of this.sources) {
      for (const { did, name, url, alsoKnownAs = [] } of issuers) {
        for (const signer of [did, ...alsoKnownAs]) if (!byDid.has(signer)) byDid.set(signer, { did, name, url, source });
      }
    }
    this.byDid = byDid;
  }

  private readStore(): Store {
    const file = this.config.storeFile;
    if (!file || !existsSync(file)) return {};
    try {
      const store = JSON.parse(readFileSync(file, 'utf8')) as Store;
      return Object.fromEntries(Object.entries(store).filter(([, registry]) => validateIssuerRegistry(registry).length === 0));
    } catch (error) {
      this.logger.warn(`Trust store ${file} is unreadable (${(error as Error).message}); starting from the registries alone`);
      return {};
    }
  }

  /** Written whole to a temporary file, then renamed: a crash never leaves half a store. */
  private writeStore(): void {
    const file = this.config.storeFile;
    if (!file) return;
    const store: Store = Object.fromEntries(
      this.config.registryUrls
        .filter((url) => this.sources.has(url))
        .map((url) => [url, { type: 'IssuerRegistry', version: 1, institutions: this.sources.get(url)! }]),
    );
    writeFileSync(`${file}.tmp`, JSON.stringify(store, null, 2));
    renameSync(`${file}.tmp`, file);
  }
}

/** The operator's own file must be right: a broken one stops the start-up rather than trusting nobody silently. */
function readRegistryFile(file: string): RegisteredIssuer[] {
  const document: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const violations = validateIssuerRegistry(document);
  if (violations.length > 0)
    throw new Error(
      `TRUSTED_ISSUERS_FILE ${file} is not an issuer registry: ${violations.map((v) => `${v.path} ${v.message}`).join('; ')}`,
    );
  return (document as IssuerRegistry).institutions;
}
