// Two wallets for the OpenID4VCI tests: one made of @openid4vc/openid4vci's own client (holder
// did:key Ed25519, 1.0 request shape, /nonce), and a hand-written minimal one (a plain P-256 JWK in
// the proof header, draft-13 request shape, the c_nonce of the token response), so that the issuer
// is held to the protocol rather than to one library's habits.
import { clientAuthenticationAnonymous, type Jwk, type SignJwtCallback } from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { bytesToMultibase } from 'did-jwt';
import { CompactSign, SignJWT } from 'jose';
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, randomUUID } from 'node:crypto';

/** A wallet's key pair and how a proof names it. */
export interface HolderKey {
  privateKey: KeyObject;
  publicJwk: Jwk;
  alg: 'EdDSA' | 'ES256';
  /** The holder's DID (a did:key unless `asDidJwk` made it a did:jwk), for keys named by DID. */
  did: string;
  /** The DID URL of its key, as a proof's `kid` names it. */
  didUrl: string;
}

export function ed25519HolderKey(): HolderKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicJwk = publicKey.export({ format: 'jwk' }) as Jwk;
  const multibase = bytesToMultibase(Buffer.from(publicJwk.x!, 'base64url'), 'base58btc', 'ed25519-pub');
  return { privateKey, publicJwk, alg: 'EdDSA', did: `did:key:${multibase}`, didUrl: `did:key:${multibase}#${multibase}` };
}

export function p256HolderKey(): HolderKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicJwk = publicKey.export({ format: 'jwk' }) as Jwk;
  const point = Buffer.concat([Buffer.from([0x04]), Buffer.from(publicJwk.x!, 'base64url'), Buffer.from(publicJwk.y!, 'base64url')]);
  const compressed = Buffer.concat([Buffer.from([point[64] % 2 === 0 ? 0x02 : 0x03]), point.subarray(1, 33)]);
  const multibase = bytesToMultibase(compressed, 'base58btc', 'p256-pub');
  return { privateKey, publicJwk, alg: 'ES256', did: `did:key:${multibase}`, didUrl: `did:key:${multibase}#${multibase}` };
}

/** The same key named as a did:jwk (its one verification method is `#0`). */
export function asDidJwk(key: HolderKey): HolderKey {
  const did = `did:jwk:${Buffer.from(JSON.stringify(key.publicJwk)).toString('base64url')}`;
  return { ...key, did, didUrl: `${did}#0` };
}

const thumbprint = (jwk: Jwk) =>
  createHash('sha256')
    .update(
      JSON.stringify(jwk.kty === 'OKP' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }),
    )
    .digest('base64url');

/** The library client's signJwt: whichever of the wallet's keys the signer names (by DID URL or by its public JWK). */
function signWith(keys: HolderKey[]): SignJwtCallback {
  return async (signer, { header, payload }) => {
    const key = keys.find((candidate) =>
      signer.method === 'did'
        ? signer.didUrl.startsWith(`${candidate.did}#`)
        : signer.method === 'jwk' && thumbprint(signer.publicJwk) === thumbprint(candidate.publicJwk),
    );
    if (!key) throw new Error('the wallet has no such key');
    const jwt = await new CompactSign(Buffer.from(JSON.stringify(payload))).setProtectedHeader(header).sign(key.privateKey);
    return { jwt, signerJwk: key.publicJwk };
  };
}

export interface Received {
  /** The credential as the response carried it: a JWT string or a Data Integrity document. */
  credential: string | Record<string, unknown>;
  /** The whole credential response, to check its shape. */
  response: Record<string, unknown>;
}

export interface LibraryWalletOptions {
  holder: HolderKey;
  txCode?: string;
  /** Ask for DPoP-bound tokens with this key. */
  dpopKey?: HolderKey;
  /** Which of the offered configurations to take: the first of this format. */
  format: 'ldp_vc' | 'jwt_vc_json';
}

/** Redeems an offer with @openid4vc/openid4vci's client: 1.0 request shape, a nonce from /nonce, the proof signed by the holder's did:key. */
export async function redeemWithLibraryClient(deepLink: string, options: LibraryWalletOptions): Promise<Received> {
  const keys = [options.holder, ...(options.dpopKey ? [options.dpopKey] : [])];
  const client = new Openid4vciClient({
    callbacks: {
      fetch,
      hash: (data, alg) => createHash(alg.replace('-', '').toLowerCase()).update(data).digest(),
      generateRandom: (bytes) => randomBytes(bytes),
      clientAuthentication: clientAuthenticationAnonymous(),
      signJwt: signWith(keys),
    },
  });
  const offer = await client.resolveCredentialOffer(deepLink);
  const issuerMetadata = await client.resolveIssuerMetadata(offer.credential_issuer);
  const credentialConfigurationId = offer.credential_configuration_ids.find(
    (id) => issuerMetadata.credentialIssuer.credential_configurations_supported[id]?.format === options.format,
  )!;
  const { accessTokenResponse, dpop } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
    credentialOffer: offer,
    issuerMetadata,
    ...(options.txCode ? { txCode: options.txCode } : {}),
    ...(options.dpopKey ? { dpop: { signer: { method: 'jwk', alg: options.dpopKey.alg, publicJwk: options.dpopKey.publicJwk } } } : {}),
  });
  const { c_nonce } = await client.requestNonce({ issuerMetadata });
  const { jwt } = await client.createCredentialRequestJwtProof({
    issuerMetadata,
    credentialConfigurationId,
    signer: { method: 'did', didUrl: options.holder.didUrl, alg: options.holder.alg },
    nonce: c_nonce,
  });
  const { credentialResponse } = await client.retrieveCredentials({
    issuerMetadata,
    accessToken: accessTokenResponse.access_token,
    credentialConfigurationId,
    proof: { proof_type: 'jwt', jwt },
    ...(dpop ? { dpop } : {}),
  });
  const [first] = credentialResponse.credentials ?? [];
  const credential = typeof first === 'object' && first !== null && 'credential' in first ? first.credential : first;
  return { credential: credential as Received['credential'], response: credentialResponse };
}

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
