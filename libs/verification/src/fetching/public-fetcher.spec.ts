import { createSelfSignedCertificate } from '#local-stack';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { quietLogger } from '../../test/quiet-logger.js';
import { FetchSlots } from './fetch-slots.js';
import { type FetchPolicy, PublicFetcher, type Resolve } from './public-fetcher.js';

const policy = (overrides: Partial<FetchPolicy> = {}): FetchPolicy => ({
  allowPrivateNetworks: false,
  deadlineMs: 2000,
  maxBytes: 1000,
  ...overrides,
});
const fetcher = (overrides: Partial<FetchPolicy> = {}, resolve?: Resolve, slots = new FetchSlots(8)) =>
  new PublicFetcher(policy(overrides), slots, quietLogger, resolve);

type Handler = http.RequestListener;
const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

async function serve(handler: Handler): Promise<number> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  });
  return (server.address() as AddressInfo).port;
}

const json =
  (body: unknown): Handler =>
  (_, response) =>
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));

describe('PublicFetcher', () => {
  describe('what it refuses without connecting', () => {
    it.each([
      'http://127.0.0.1:9/x',
      'http://[::1]:9/x',
      'http://[::ffff:7f00:1]:9/x',
      'http://0x7f.1:9/x',
      'http://localhost:9/x',
      'file:///etc/passwd',
      'ftp://example.org/x',
    ])('refuses %s', async (url) => {
      await expect(fetcher().json(url)).rejects.toThrow(/private address|only http/);
    });

    it('refuses a name when any one of its addresses is not public', async () => {
      const resolve: Resolve = async () => [
        { address: '93.184.215.14', family: 4 },
        { address: '10.0.0.5', family: 4 },
      ];
      await expect(fetcher({}, resolve).json('https://status.example/list')).rejects.toThrow(
        'status.example resolves to a private address',
      );
    });
  });

  describe('through a host name', () => {
    it('fetches from localhost when private networks are allowed (Node asks its lookup for every address)', async () => {
      const port = await serve(json({ ok: true }));
      expect(await fetcher({ allowPrivateNetworks: true }).json(`http://localhost:${port}/x`)).toEqual({
        status: 200,
        body: { ok: true },
        bytes: 11,
      });
    });

    it('connects only to the addresses it checked, and still names the host', async () => {
      let host: string | undefined;
      const port = await serve((request, response) => {
        host = request.headers.host;
        json({ ok: 1 })(request, response);
      });
      // A name no DNS knows: the connection can only have gone to the address the check saw.
      const resolve: Resolve = async () => [{ address: '127.0.0.1', family: 4 }];
      expect((await fetcher({ allowPrivateNetworks: true }, resolve).json(`http://issuer.invalid:${port}/x`)).body).toEqual({ ok: 1 });
      expect(host).toBe(`issuer.invalid:${port}`);
    });

    it('names the host in TLS (SNI) over https', async () => {
      const names: string[] = [];
      const server = tls.createServer({ SNICallback: (name, callback) => (names.push(name), callback(new Error('no certificate here'))) });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
      const resolve: Resolve = async () => [{ address: '127.0.0.1', family: 4 }];
      const url = `https://registry.invalid:${(server.address() as AddressInfo).port}/v1/registry`;
      await expect(fetcher({ allowPrivateNetworks: true }, resolve).json(url)).rejects.toThrow(/could not be reached/);
      expect(names).toEqual(['registry.invalid']);
    });
  });

  describe('what it reports', () => {
    it('says only "could not be reached" for a refused connection, never the socket error', async () => {
      const port = await serve(json({}));
      servers.pop()!.close();
      const error: Error = await fetcher({ allowPrivateNetworks: true })
        .json(`http://127.0.0.1:${port}/x`)
        .catch((e) => e);
      expect(error.message).toBe(`127.0.0.1:${port} could not be reached`);
    });

    it('says the same for a name that does not resolve', async () => {
      const error: Error = await fetcher()
        .json('https://no-such-host.invalid/x')
        .catch((e) => e);
      expect(error.message).toBe('no-such-host.invalid could not be reached');
    });

    it('refuses an answer larger than its cap', async () => {
      const port = await serve(json({ padding: 'x'.repeat(2000) }));
      await expect(fetcher({ allowPrivateNetworks: true }).json(`http://127.0.0.1:${port}/x`)).rejects.toThrow(
        'the answer is larger than 1000 bytes',
      );
    });
  });

  describe('one deadline per fetch', () => {
    it('cuts off a server that trickles a byte at a time, however long it would go on', async () => {
      let written = 0;
      const port = await serve((_, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        const body = `"${' '.repeat(40)}"`;
        const timer = setInterval(() => {
          if (response.destroyed || written === body.length) return clearInterval(timer);
          response.write(body[written++]);
        }, 200);
      });
      const error: Error = await fetcher({ allowPrivateNetworks: true, deadlineMs: 1000 })
        .json(`http://127.0.0.1:${port}/x`)
        .catch((e) => e);
      expect(error.message).toBe('the answer did not arrive in full within 1000 ms');
      // Each byte alone would have kept a socket idle timeout waiting for ever; 42 bytes needed 8 s.
      expect(written).toBeLessThan(10);
    });

    it('gives up on a server that accepts and never answers', async () => {
      const port = await serve(() => undefined);
      await expect(fetcher({ allowPrivateNetworks: true, deadlineMs: 300 }).json(`http://127.0.0.1:${port}/x`)).rejects.toThrow(
        `127.0.0.1:${port} could not be reached`,
      );
    });
  });

  describe('https with a certificate authority of its own (the embedded default over HTTPS_SELF_SIGNED)', () => {
    it('reaches a server whose certificate it was given, and no other server with a certificate nobody vouches for', async () => {
      const [trusted, stranger] = [await createSelfSignedCertificate(), await createSelfSignedCertificate()];
      const port = async ({ cert, key }: { cert: string; key: string }) => {
        const server = https.createServer({ cert, key }, json({ ok: true }));
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        servers.push({ close: () => (server.closeAllConnections(), server.close()) });
        return (server.address() as AddressInfo).port;
      };
      const resolve: Resolve = async () => [{ address: '127.0.0.1', family: 4 }];
      const withCa = fetcher({ allowPrivateNetworks: true, trustedCa: trusted.cert }, resolve);
      expect((await withCa.json(`https://localhost:${await port(trusted)}/list`)).body).toEqual({ ok: true });
      await expect(withCa.json(`https://localhost:${await port(stranger)}/list`)).rejects.toThrow('could not be reached');
      await expect(fetcher({ allowPrivateNetworks: true }, resolve).json(`https://localhost:${await port(trusted)}/list`)).rejects.toThrow(
        'could not be reached',
      );
    });
  });

  describe('concurrency', () => {
    it('never runs more fetches at once than the process allows, whatever the callers', async () => {
      let open = 0;
      let most = 0;
      const port = await serve((request, response) => {
        most = Math.max(most, ++open);
        setTimeout(() => {
          open--;
          json({})(request, response);
        }, 50);
      });
      const limited = fetcher({ allowPrivateNetworks: true }, undefined, new FetchSlots(2));
      await Promise.all(Array.from({ length: 6 }, () => limited.json(`http://127.0.0.1:${port}/x`)));
      expect(most).toBe(2);
    });

    it("counts the wait for a slot against the fetch's deadline", async () => {
      const port = await serve(() => undefined);
      const slots = new FetchSlots(1);
      const slow = fetcher({ allowPrivateNetworks: true, deadlineMs: 1000 }, undefined, slots)
        .json(`http://127.0.0.1:${port}/hold`)
        .catch(() => undefined);
      const quick = fetcher({ allowPrivateNetworks: true, deadlineMs: 100 }, undefined, slots);
      await expect(quick.json(`http://127.0.0.1:${port}/x`)).rejects.toThrow('could not be reached');
      await slow;
    });
  });
});
