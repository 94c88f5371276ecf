import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';

/**
 * A configuration that cannot start the service; raised once, at start-up, listing every problem.
 * Never an HTTP answer, so not a domain error; its code is for the operator's log line.
 */
export class ConfigurationError extends Error {
  readonly code = 'INVALID_CONFIGURATION';

  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigurationError';
  }
}

export type Environment = Record<string, string | undefined>;

/**
 * Reads environment variables into typed values, collecting every problem instead of stopping at
 * the first, so an operator fixes the whole configuration in one go.
 */
export class ConfigReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: Environment) {}

  string(name: string, fallback?: string): string {
    const value = this.env[name]?.trim() || fallback;
    if (value === undefined) this.problems.push(`${name} is required`);
    return value ?? '';
  }

  optionalString(name: string): string | undefined {
    return this.env[name]?.trim() || undefined;
  }

  /** The PEM certificates in the file a variable names, if it names one; a file that cannot be read or holds none is a problem. */
  optionalCertificatesFile(name: string): string | undefined {
    const file = this.optionalString(name);
    if (file === undefined) return undefined;
    try {
      const pem = readFileSync(file, 'utf8');
      if (pem.includes('-----BEGIN CERTIFICATE-----')) return pem;
      this.problems.push(`${name} must name a file of PEM certificates, and ${file} holds none`);
    } catch (error) {
      this.problems.push(`${name} must name a readable file: ${(error as Error).message}`);
    }
    return undefined;
  }

  integer(name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
    const raw = this.env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  }

  url(name: string, fallback?: string): string {
    const value = this.string(name, fallback);
    if (value && !URL.canParse(value)) this.problems.push(`${name} must be a URL, got "${value}"`);
    return value;
  }

  /** A comma-separated list of URLs; unset means none. */
  urls(name: string): string[] {
    const values = (this.env[name] ?? '')
      .split(',')
      .map((value) => value.trim())
      .filter(Boolean);
    for (const value of values) if (!URL.canParse(value)) this.problems.push(`${name} must be comma-separated URLs, got "${value}"`);
    return values;
  }

  matching(name: string, pattern: RegExp, description: string): string {
    const value = this.string(name);
    if (value && !pattern.test(value)) this.problems.push(`${name} must be ${description}`);
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.env[name]?.trim() || fallback;
    if (!allowed.includes(value as T)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
      return fallback;
    }
    return value as T;
  }

  /** Records a problem a caller found in a value it read itself. */
  problem(message: string): void {
    this.problems.push(message);
  }

  /** Throws a ConfigurationError listing every problem found so far. */
  done(): void {
    if (this.problems.length > 0) throw new ConfigurationError(this.problems);
  }
}

export type LogThreshold = 'error' | 'warn' | 'log' | 'debug';

/**
 * Which proxies' `X-Forwarded-For` names the client (Express's "trust proxy"): none, the nearest
 * N hops, or the proxies at these addresses and subnets. Never "any": a client could then name
 * itself whatever address it likes and slip past per-client limits.
 */
export type TrustedProxies = false | number | string[];

/** Where an HTTP service listens and what it accepts, the same settings for every app. */
export interface HttpServerConfig {
  host: string;
  port: number;
  /** Largest accepted JSON body, in bytes. */
  maxBodyBytes: number;
  logLevel: LogThreshold;
  trustProxy: TrustedProxies;
}

/** `<PREFIX>_HOST`, `<PREFIX>_PORT`, MAX_BODY_BYTES, LOG_LEVEL and TRUST_PROXY. */
export function readHttpServerConfig(read: ConfigReader, prefix: string, defaultPort: number): HttpServerConfig {
  return {
    host: read.string(`${prefix}_HOST`, '127.0.0.1'),
    port: read.integer(`${prefix}_PORT`, defaultPort, { max: 65535 }),
    maxBodyBytes: read.integer('MAX_BODY_BYTES', 512 * 1024, { min: 1024 }),
    logLevel: read.oneOf('LOG_LEVEL', ['error', 'warn', 'log', 'debug'] as const, 'log'),
    trustProxy: readTrustedProxies(read, 'TRUST_PROXY'),
  };
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** `false` (the default), a hop count, or comma-separated addresses, subnets (CIDR) and Express's names for ranges. */
function readTrustedProxies(read: ConfigReader, name: string): TrustedProxies {
  const raw = read.optionalString(name);
  if (raw === undefined || raw === 'false') return false;
  if (/^\d+$/.test(raw)) return read.integer(name, 0, { min: 1, max: 10 });
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const invalid = entries.filter((entry) => !PROXY_NAMES.includes(entry) && !isAddressOrSubnet(entry));
  if (invalid.length > 0 || entries.length === 0) {
    read.problem(
      `${name} must be false, a number of proxy hops, or comma-separated proxy addresses or subnets (or ${PROXY_NAMES.join(', ')}), got "${raw}"`,
    );
    return false;
  }
  return entries;
}

function isAddressOrSubnet(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || isIP(address) === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (isIP(address) === 4 ? 32 : 128);
}
