// @peculiar/x509 resolves its parts through tsyringe, which needs the metadata polyfill loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

/** A certificate and its private key, both PEM, as `https.createServer` takes them. */
export interface TlsCertificate {
  cert: string;
  key: string;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/**
 * A self-signed P-256 certificate for local HTTPS (`npm start` with HTTPS_SELF_SIGNED=true), naming
 * `localhost` and the loopback addresses, valid for a year. Node's crypto makes keys but not
 * certificates; @peculiar/x509 builds the certificate in plain TypeScript on Node's WebCrypto.
 */
export async function createSelfSignedCertificate(hostnames: string[] = ['localhost'], now = new Date()): Promise<TlsCertificate> {
  x509.cryptoProvider.set(globalThis.crypto);
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)))
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    name: `CN=${hostnames[0]}`,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + 365 * 24 * 3600_000),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      // A leaf, not a CA: a verifier told to trust it (FETCH_CA_FILE) then trusts this one
      // certificate, never others its key might sign.
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...hostnames.map((value) => ({ type: 'dns' as const, value })),
        { type: 'ip', value: '127.0.0.1' },
        { type: 'ip', value: '::1' },
      ]),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { cert: certificate.toString('pem'), key: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') };
}
