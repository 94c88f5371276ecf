import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigReader, ConfigurationError, readHttpServerConfig } from './config-reader.js';

describe('ConfigReader', () => {
  it('reads typed values with defaults', () => {
    const read = new ConfigReader({ PORT: '8080', NAME: ' x ' });
    expect(read.integer('PORT', 1)).toBe(8080);
    expect(read.integer('OTHER', 7)).toBe(7);
    expect(read.string('NAME')).toBe('x');
    expect(() => read.done()).not.toThrow();
  });

  it('collects every problem into one error', () => {
    const read = new ConfigReader({ PORT: 'eighty', URL: 'not a url', LEVEL: 'loud' });
    read.integer('PORT', 1, { max: 65535 });
    read.url('URL');
    read.string('SECRET');
    read.oneOf('LEVEL', ['log', 'debug'] as const, 'log');
    let error: unknown;
    try {
      read.done();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const problems = (error as ConfigurationError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT.*URL.*SECRET.*LEVEL/s);
  });

  it('reads a file of PEM certificates, and says so when the file is missing or holds none', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'config-reader-'));
    const [certificates, other] = [path.join(dir, 'ca.pem'), path.join(dir, 'key.pem')];
    writeFileSync(certificates, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    // A PEM file that holds no certificate: a key made here, never one kept in the repository.
    writeFileSync(other, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const read = new ConfigReader({ CA: certificates, NOT_CA: other, GONE: path.join(dir, 'gone.pem') });
    expect(read.optionalCertificatesFile('CA')).toContain('BEGIN CERTIFICATE');
    expect(read.optionalCertificatesFile('UNSET')).toBeUndefined();
    read.optionalCertificatesFile('NOT_CA');
    read.optionalCertificatesFile('GONE');
    expect(() => read.done()).toThrow(/NOT_CA must name a file of PEM certificates.*GONE must name a readable file/s);
  });

  it('checks patterns without echoing the value', () => {
    const read = new ConfigReader({ KEY: 'short-secret' });
    read.matching('KEY', /^[0-9a-f]{64}$/, '64 hex characters');
    expect(() => read.done()).toThrow(/KEY must be 64 hex characters/);
    expect(() => read.done()).not.toThrow(/short-secret/);
  });
});

describe('TRUST_PROXY', () => {
  const trustProxy = (value?: string) => {
    const read = new ConfigReader({ TRUST_PROXY: value });
    const config = readHttpServerConfig(read, 'APP', 3000);
    read.done();
    return config.trustProxy;
  };

  it('trusts no proxy by default: the client is the socket peer', () => {
    expect(trustProxy()).toBe(false);
    expect(trustProxy('false')).toBe(false);
  });

  it('trusts a number of hops, or named proxies and subnets', () => {
    expect(trustProxy('1')).toBe(1);
    expect(trustProxy('loopback, 10.0.0.0/8, 2001:db8::1, fd00::/8')).toEqual(['loopback', '10.0.0.0/8', '2001:db8::1', 'fd00::/8']);
  });

  it('refuses "true", which would let any client name its own address, and malformed entries', () => {
    for (const value of ['true', '10.0.0.0/33', 'proxy.example', '0']) expect(() => trustProxy(value)).toThrow(/TRUST_PROXY must be/);
  });
});
