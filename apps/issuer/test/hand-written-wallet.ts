// A hand-written minimal wallet for the OpenID4VCI tests: a plain P-256 JWK in the proof header, the
// draft-13 request shape, the c_nonce of the token response, so that the issuer is held to the
// protocol rather than to one library's habits (the learner's wallet, test/learner-wallet.ts, is the
// @openid4vc client). Each step is its own call, to test refusals step by step.
import { type Jwk } from '@openid4vc/oauth2';
import { SignJWT } from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import type { HolderKey } from '../../../test/learner-wallet.js';

/** What the hand-written wallet sends and gets at each step, to test refusals step by step. */
export interface HandWrittenSession {
  issuer: string;
  metadata: Record<string, any>;
  authorizationServer: Record<string, any>;
  offer: Record<string, any>;
  tokenResponse?: { status: number; body: Record<string, any> };
}

/** Reads an offer by value and the issuer's metadata the draft-13 way (the well-known after the issuer's path). */
export async function startHandWritten(deepLink: string): Promise<HandWrittenSession> {
  const offer = JSON.parse(new URL(deepLink).searchParams.get('credential_offer')!) as Record<string, any>;
  const issuer = offer.credential_issuer as string;
  const metadata = (await (await fetch(`${issuer}/.well-known/openid-credential-issuer`)).json()) as Record<string, any>;
  const authorizationServer = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, any>;
  return { issuer, metadata, authorizationServer, offer };
}

/** A DPoP proof (RFC 9449) for one request, bound to an access token when one is given (`ath`). */
export async function dpopProof(key: HolderKey, method: string, url: string, accessToken?: string): Promise<string> {
  return new SignJWT({
    htm: method,
    htu: url,
    jti: randomUUID(),
    ...(accessToken ? { ath: createHash('sha256').update(accessToken).digest('base64url') } : {}),
  })
    .setProtectedHeader({ alg: key.alg, typ: 'dpop+jwt', jwk: { ...key.publicJwk } })
    .setIssuedAt()
    .sign(key.privateKey);
}

/** The token request, as a form, with the offer's code unless another is given, and a DPoP proof with a DPoP key. */
export async function handWrittenToken(
  session: HandWrittenSession,
  extra: { txCode?: string; code?: string; dpopKey?: HolderKey } = {},
): Promise<{ status: number; body: Record<string, any> }> {
  const form = new URLSearchParams({
    grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
    'pre-authorized_code':
      extra.code ?? session.offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']['pre-authorized_code'],
    ...(extra.txCode ? { tx_code: extra.txCode } : {}),
  });
  const endpoint = session.authorizationServer.token_endpoint as string;
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(extra.dpopKey ? { DPoP: await dpopProof(extra.dpopKey, 'POST', endpoint) } : {}),
    },
    body: form,
  });
  session.tokenResponse = { status: response.status, body: (await response.json()) as Record<string, any> };
  return session.tokenResponse;
}

/** A draft-13 proof JWT: the holder's public JWK in the header, the issuer as audience, the nonce. */
export async function handWrittenProof(
  session: HandWrittenSession,
  key: HolderKey,
  nonce: string,
  /** Another public key to name in the header than the one that signs, or another name for the algorithm. */
  options: { publicJwk?: Jwk; alg?: string } = {},
): Promise<string> {
  return new SignJWT({ nonce })
    .setProtectedHeader({ alg: options.alg ?? key.alg, typ: 'openid4vci-proof+jwt', jwk: { ...(options.publicJwk ?? key.publicJwk) } })
    .setAudience(session.issuer)
    .setIssuedAt()
    .setJti(randomUUID())
    .sign(key.privateKey);
}

/** The draft-13 credential request: the format and its credential definition, one `proof`. */
export async function handWrittenCredential(
  session: HandWrittenSession,
  accessToken: string,
  format: 'ldp_vc' | 'jwt_vc_json',
  proofJwt: string,
  /** How the access token is sent: Bearer by default; DPoP with a proof of this key. */
  dpopKey?: HolderKey,
): Promise<{ status: number; body: Record<string, any> }> {
  const configuration = Object.values(session.metadata.credential_configurations_supported as Record<string, any>).find(
    (candidate) => candidate.format === format,
  );
  const endpoint = session.metadata.credential_endpoint as string;
  const authorization: Record<string, string> = dpopKey
    ? { Authorization: `DPoP ${accessToken}`, DPoP: await dpopProof(dpopKey, 'POST', endpoint, accessToken) }
    : { Authorization: `Bearer ${accessToken}` };
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...authorization },
    body: JSON.stringify({
      format,
      credential_definition: configuration.credential_definition,
      proof: { proof_type: 'jwt', jwt: proofJwt },
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}
