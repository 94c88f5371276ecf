import { verifyCredential } from '@digitalcredentials/verifier-core';
import { pinnedContext } from '#schemas';

/** What @digitalcredentials/verifier-core answers: `errors` when it refuses, a `log` of its steps. */
export type DccVerification = Awaited<ReturnType<typeof verifyCredential>>;

/**
 * A credential as the Digital Credentials Consortium's verifier (the Learner Credential Wallet's)
 * judges it, offline. It resolves did:web and status lists and loads the contexts it lacks over
 * HTTPS; while it runs, its fetches are answered here: the test issuer's documents over its plain
 * HTTP, our pinned contexts, and anything else refused (such as the JSON Schemas its informational
 * schema check fetches, which it reports in `additionalInformation` without failing the credential).
 */
export async function verifyWithDcc(credential: object, issuerUrl: string): Promise<DccVerification> {
  const originalFetch = globalThis.fetch;
  const issuerHost = new URL(issuerUrl).host;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith(`https://${issuerHost}/`) || url.startsWith(`${issuerUrl}/`))
      return originalFetch(url.replace(/^https:/, 'http:'), init);
    const context = pinnedContext(url);
    if (context) return new Response(JSON.stringify(context), { headers: { 'Content-Type': 'application/ld+json' } });
    throw new Error(`no network here: ${url}`);
  }) as typeof fetch;
  try {
    // Its types describe the credentials it knows; ours is plain JSON to it, as on the wire.
    return await verifyCredential({
      credential: credential as Parameters<typeof verifyCredential>[0]['credential'],
      knownDIDRegistries: [],
    });
  } finally {
    globalThis.fetch = originalFetch;
  }
}
