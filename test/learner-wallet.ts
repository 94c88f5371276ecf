import {
  createDidResolver,
  createDocumentLoader,
  envelopeCredential,
  importSigningKey,
  signDataIntegrityPresentation,
  type SigningKey,
  signVpJwt,
} from '#identity';
import { clientAuthenticationAnonymous, type Jwk, type SignJwtCallback, type VerifyJwtCallback } from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { Openid4vpClient, type ResolvedOpenid4vpAuthorizationRequest } from '@openid4vc/openid4vp';
import { DcqlQuery, type DcqlW3cVcCredential } from 'dcql';
import { bytesToMultibase } from 'did-jwt';
import { CompactSign, importJWK, jwtVerify } from 'jose';
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

// The learner's wallet for the tests, as one holder would use it from end to end: it receives
// credentials by OpenID4VCI with @openid4vc/openid4vci's own client (1.0 request shape, a nonce from
// /nonce, the proof signed by its did:key), and presents them by OpenID4VP with @openid4vc/openid4vp's
// client side (parse the link, fetch and verify the signed request object, submit by direct_post),
// dcql to pick the credentials a query asks for, and our signers for the presentations. The issuer's
// hand-written draft-13 wallet (apps/issuer/test/hand-written-wallet.ts) takes its holder keys from here.

const hash = (data: Uint8Array, alg: string) => createHash(alg.replace('-', '').toLowerCase()).update(data).digest();

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
      hash,
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

/** A credential the wallet holds: a JWT (VC-JWT or `vc+jwt`) or a Data Integrity document. */
export type HeldCredential = string | Record<string, unknown>;

const EXPANDED: Record<string, string> = {
  VerifiableCredential: 'https://www.w3.org/2018/credentials#VerifiableCredential',
  OpenBadgeCredential: 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential',
  AchievementCredential: 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential',
};

const decodeJwtPart = (jwt: string, part: number) => JSON.parse(Buffer.from(jwt.split('.')[part], 'base64url').toString('utf8'));

/** A VC-JOSE-COSE credential (`typ: vc+jwt`): its payload is the credential itself. */
const isVcJose = (credential: HeldCredential): credential is string =>
  typeof credential === 'string' && decodeJwtPart(credential, 0).typ === 'vc+jwt';

/** What a held JWT credential says: a VC-JWT's `vc` with its issuer, or a `vc+jwt` payload. */
function claimsOfJwt(jwt: string): Record<string, unknown> {
  const payload = decodeJwtPart(jwt, 1);
  return isVcJose(jwt) ? payload : { ...payload.vc, issuer: { id: payload.iss } };
}

/** A held credential as dcql matches it: its format, its types as IRIs, and its claims. */
function dcqlCredentialOf(credential: HeldCredential): DcqlW3cVcCredential {
  const claims = typeof credential === 'string' ? claimsOfJwt(credential) : credential;
  const types = (claims.type as string[]).map((type) => EXPANDED[type] ?? type);
  return {
    credential_format: typeof credential === 'string' ? 'jwt_vc_json' : 'ldp_vc',
    type: types,
    claims,
    cryptographic_holder_binding: true,
  } as DcqlW3cVcCredential;
}

/** The wallet verifies a request object signed by a did:jwk client: the key is in the DID itself. */
const verifyDidJwk: VerifyJwtCallback = async (signer, { compact }) => {
  if (signer.method !== 'did' || !signer.didUrl.startsWith('did:jwk:')) return { verified: false };
  const jwk = JSON.parse(Buffer.from(signer.didUrl.slice('did:jwk:'.length).split('#')[0], 'base64url').toString('utf8')) as Jwk;
  try {
    await jwtVerify(compact, await importJWK(jwk, 'ES256'));
    return { verified: true, signerJwk: jwk };
  } catch {
    return { verified: false };
  }
};

const unused = () => {
  throw new Error('not used by this wallet');
};

/** A learner's wallet: one did:key Ed25519 holder that receives credentials by OpenID4VCI and presents them by OpenID4VP. */
export class LearnerWallet {
  readonly client = new Openid4vpClient({
    callbacks: {
      verifyJwt: verifyDidJwk,
      hash,
      signJwt: unused,
      decryptJwe: unused,
      encryptJwe: unused,
      fetch,
    },
  });
  readonly documentLoader = createDocumentLoader(createDidResolver());

  private constructor(
    /** The key as the OpenID4VCI client proves it. */
    readonly holder: HolderKey,
    /** The same key as our presentation signers take it. */
    readonly key: SigningKey,
  ) {}

  static async create(): Promise<LearnerWallet> {
    const holder = ed25519HolderKey();
    const key = await importSigningKey({
      type: 'JsonWebKey',
      id: holder.didUrl,
      controller: holder.did,
      publicKeyJwk: holder.publicJwk,
      secretKeyJwk: holder.privateKey.export({ format: 'jwk' }),
    });
    return new LearnerWallet(holder, key);
  }

  get did(): string {
    return this.key.controller;
  }

  /** Redeems an offer with the library client, bound to this wallet's did:key: the credential as received. */
  async receive(deepLink: string, options: Omit<LibraryWalletOptions, 'holder'>): Promise<HeldCredential> {
    return (await redeemWithLibraryClient(deepLink, { ...options, holder: this.holder })).credential;
  }

  /** Reads an `openid4vp://` link and fetches and verifies its request object, as a wallet does after a scan. */
  async resolve(link: string): Promise<ResolvedOpenid4vpAuthorizationRequest> {
    const parsed = this.client.parseOpenid4vpAuthorizationRequest({ authorizationRequest: link });
    return this.client.resolveOpenId4vpAuthorizationRequest({ authorizationRequestPayload: parsed.params });
  }

  /** The held credentials each credential query of the request's DCQL query matches. */
  select(resolved: ResolvedOpenid4vpAuthorizationRequest, held: HeldCredential[]): Record<string, HeldCredential[]> {
    const query = DcqlQuery.parse(resolved.authorizationRequestPayload.dcql_query as DcqlQuery.Input);
    const result = DcqlQuery.query(query, held.map(dcqlCredentialOf));
    const chosen: Record<string, HeldCredential[]> = {};
    for (const [id, match] of Object.entries(result.credential_matches)) {
      if (match.success) chosen[id] = match.valid_credentials.map((valid) => held[valid.input_credential_index]);
    }
    return chosen;
  }

  /**
   * A presentation of one credential for the verifier: a Data Integrity one for an `ldp_vc`, a
   * `vp+jwt` enveloping a `vc+jwt`, a VP-JWT (EdDSA) for a VC-JWT.
   */
  async present(
    credential: HeldCredential,
    { nonce, audience, key = this.key }: { nonce: string; audience: string; key?: SigningKey },
  ): Promise<HeldCredential> {
    if (isVcJose(credential)) {
      const presentation = {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        holder: this.did,
        verifiableCredential: [envelopeCredential(credential)],
      };
      return signVpJwt(presentation, key, { nonce, aud: audience });
    }
    if (typeof credential !== 'string') {
      const presentation = {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        holder: this.did,
        verifiableCredential: [credential],
      };
      return signDataIntegrityPresentation(presentation, key, { documentLoader: this.documentLoader, challenge: nonce, domain: audience });
    }
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const input = `${encode({ alg: 'EdDSA', typ: 'JWT', kid: `${this.did}#${this.did.slice('did:key:'.length)}` })}.${encode({
      iss: this.did,
      aud: audience,
      nonce,
      iat: now,
      exp: now + 300,
      jti: `urn:uuid:${randomBytes(16).toString('hex')}`,
      vp: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiablePresentation'], verifiableCredential: [credential] },
    })}`;
    return `${input}.${sign(null, Buffer.from(input), key.privateKey).toString('base64url')}`;
  }

  /** Answers a resolved request: one presentation per chosen credential, under its query id, posted by direct_post. */
  async answer(
    resolved: ResolvedOpenid4vpAuthorizationRequest,
    chosen: Record<string, HeldCredential[]>,
    overrides: { nonce?: string; audience?: string; key?: SigningKey } = {},
  ): Promise<{ status: number; body: unknown; vpToken: Record<string, HeldCredential[]> }> {
    const request = resolved.authorizationRequestPayload;
    const options = { nonce: overrides.nonce ?? request.nonce, audience: overrides.audience ?? request.client_id!, key: overrides.key };
    const vpToken: Record<string, HeldCredential[]> = {};
    for (const [id, credentials] of Object.entries(chosen)) {
      vpToken[id] = [];
      for (const credential of credentials) vpToken[id].push(await this.present(credential, options));
    }
    return { ...(await this.submit(request, vpToken)), vpToken };
  }

  /** Posts a vp_token as the library's client does (form-encoded `vp_token` and `state`). */
  async submit(
    request: ResolvedOpenid4vpAuthorizationRequest['authorizationRequestPayload'],
    vpToken: Record<string, HeldCredential[]>,
  ): Promise<{ status: number; body: unknown }> {
    const { response } = await this.client.submitOpenid4vpAuthorizationResponse({
      authorizationRequestPayload: { response_uri: request.response_uri as string },
      authorizationResponsePayload: { vp_token: vpToken as never, state: request.state as string },
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
}
