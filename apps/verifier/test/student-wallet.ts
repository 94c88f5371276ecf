import {
  createDidResolver,
  createDocumentLoader,
  envelopeCredential,
  importSigningKey,
  signDataIntegrityPresentation,
  type SigningKey,
  signVpJwt,
} from '#identity';
import { type Jwk, type VerifyJwtCallback } from '@openid4vc/oauth2';
import { Openid4vpClient, type ResolvedOpenid4vpAuthorizationRequest } from '@openid4vc/openid4vp';
import { DcqlQuery, type DcqlW3cVcCredential } from 'dcql';
import { importJWK, jwtVerify } from 'jose';
import { createHash, randomBytes, sign } from 'node:crypto';
import { didKeyPair } from '../../../test/factories/keys.js';

// A student's wallet for the tests: a did:key Ed25519 holder, the OpenID4VP library's own client side
// for the protocol (parse the link, fetch and verify the signed request object, submit by
// direct_post), dcql to pick the credentials a query asks for, and our signers for the presentations.

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

export class StudentWallet {
  readonly client = new Openid4vpClient({
    callbacks: {
      verifyJwt: verifyDidJwk,
      hash: (data, alg) => createHash(alg.replace('-', '').toLowerCase()).update(data).digest(),
      signJwt: unused,
      decryptJwe: unused,
      encryptJwe: unused,
      fetch,
    },
  });
  readonly documentLoader = createDocumentLoader(createDidResolver());

  private constructor(readonly key: SigningKey) {}

  static async create(): Promise<StudentWallet> {
    return new StudentWallet(await importSigningKey(await didKeyPair('Ed25519')));
  }

  get did(): string {
    return this.key.controller;
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
