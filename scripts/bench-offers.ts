import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { loadBenchConfig } from './bench.config.js';
import { startBenchStack } from './bench-stack.js';
import { EXAMPLE_FACTS } from './example-facts.js';
import { handWrittenCredential, handWrittenProof, handWrittenToken, startHandWritten } from '../apps/issuer/test/hand-written-wallet.js';
import { ed25519HolderKey, p256HolderKey, type Received, redeemWithLibraryClient } from '../test/learner-wallet.js';

/**
 * OpenID4VCI round trips: from the registrar's offer request to the credential in the wallet, one at
 * a time, per format and per wallet (the @openid4vc client with a did:key Ed25519 holder and 1.0
 * requests; the hand-written draft-13 wallet with a plain P-256 JWK), with the size of what the
 * wallet received and of the offer link its QR code carries. Each round trip issues, signs, checks,
 * records and enqueues for anchoring a new credential, as the credential endpoint does. The wallets
 * are the e2e tests' own. Real Postgres, real anvil.
 */
const config = loadBenchConfig();
const rounds = Math.max(10, Math.round(config.count / 10));
const warmup = Math.min(config.warmup, 10);
const stack = await startBenchStack({ databaseUrl: config.databaseUrl });

type Format = 'ldp_vc' | 'jwt_vc_json';
type Wallet = (offer: string, format: Format) => Promise<Received>;

const libraryClient: Wallet = (offer, format) => redeemWithLibraryClient(offer, { holder: ed25519HolderKey(), format });
const handWritten: Wallet = async (offer, format) => {
  const session = await startHandWritten(offer);
  const token = await handWrittenToken(session);
  const key = p256HolderKey();
  const answer = await handWrittenCredential(
    session,
    token.body.access_token,
    format,
    await handWrittenProof(session, key, token.body.c_nonce),
  );
  if (answer.status !== 200) throw new Error(`credential request: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { credential: answer.body.credential, response: answer.body };
};

try {
  const { institution } = stack;
  const { id } = await stack.post<{ id: string }>('/v1/credentials', EXAMPLE_FACTS.credit, institution.apiKey);
  const offer = () => stack.post<{ credentialOffer: string }>(`/v1/credentials/${encodeURIComponent(id)}/offer`, {}, institution.apiKey);
  const percentile = (latencies: number[], p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);

  console.log(
    `OpenID4VCI benchmark: ${rounds} offers redeemed per format and wallet, one at a time, a credit credential, Node ${process.version}`,
  );
  let offerLinkLength = 0;
  for (const [walletName, wallet] of [
    ['@openid4vc client, did:key Ed25519, 1.0', libraryClient],
    ['hand-written, plain P-256 JWK, draft 13', handWritten],
  ] as const) {
    for (const format of ['ldp_vc', 'jwt_vc_json'] as const) {
      for (let i = 0; i < warmup; i++) await wallet((await offer()).credentialOffer, format);
      const latencies: number[] = [];
      let size = 0;
      for (let i = 0; i < rounds; i++) {
        const started = performance.now();
        const { credentialOffer } = await offer();
        const { credential } = await wallet(credentialOffer, format);
        latencies.push(performance.now() - started);
        offerLinkLength = credentialOffer.length;
        size = typeof credential === 'string' ? credential.length : JSON.stringify(credential).length;
      }
      latencies.sort((a, b) => a - b);
      console.log(
        `  ${format.padEnd(11)} ${walletName}: offer to credential p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms; credential ${size} bytes`,
      );
    }
  }
  console.log(`  offer link (openid-credential-offer://, by value, what the QR code holds): ${offerLinkLength} characters`);
} finally {
  await stack.stop();
}
