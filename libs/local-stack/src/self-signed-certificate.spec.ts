import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSelfSignedCertificate } from './self-signed-certificate.js';

describe('createSelfSignedCertificate', () => {
  it('serves HTTPS that a client trusting the certificate reaches by localhost and 127.0.0.1, and others refuse', async () => {
    const { cert, key } = await createSelfSignedCertificate();
    const server = https.createServer({ cert, key }, (_request, response) => response.end('ok'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const get = (host: string, ca?: string) =>
      new Promise<string>((resolve, reject) => {
        https
          .get({ host, port, ca, servername: host === '127.0.0.1' ? undefined : host, lookup: undefined }, (response) => {
            let body = '';
            response.on('data', (chunk) => (body += chunk));
            response.on('end', () => resolve(body));
          })
          .on('error', reject);
      });
    try {
      expect(await get('localhost', cert)).toBe('ok');
      expect(await get('127.0.0.1', cert)).toBe('ok');
      await expect(get('localhost')).rejects.toThrow(/self[- ]signed/i);
    } finally {
      server.close();
    }
  });

  it('is a leaf, not a CA: trusting it trusts no certificate its key could sign', async () => {
    expect(new X509Certificate((await createSelfSignedCertificate()).cert).ca).toBe(false);
  });
});
