import { Inject, Injectable } from '@nestjs/common';
import {
  type CallbackContext,
  clientAuthenticationAnonymous,
  type Jwk,
  type JwtSigner,
  Oauth2AuthorizationServer,
  Oauth2ResourceServer,
  setGlobalConfig,
  type SignJwtCallback,
  type VerifyJwtCallback,
} from '@openid4vc/oauth2';
import { Openid4vciIssuer } from '@openid4vc/openid4vci';
import { createDidResolver, findVerificationMethod, publicKeyOf } from '#identity';
import { CompactSign, compactVerify } from 'jose';
import {
  createECDH,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { ISSUER_CONFIG, type IssuerConfig } from '../issuer.config.js';

/** The path of every institution's JWKS (its access-token key), which the resource server reads in process. */
const JWKS_PATH = /^\/institutions\/[^/]+\/jwks\.json$/;

/**
 * The OpenID4VCI and OAuth libraries (`@openid4vc/*`), wired to this issuer. They do no signing,
 * resolving or key storage of their own: every such step is a callback here.
 *
 * - Access tokens are JWTs signed with one P-256 key derived from KEY_ENCRYPTION_SECRET, so every
 *   instance signs and checks the same tokens with nothing stored; each credential issuer's
 *   `jwks_uri` publishes it, and the resource server's "fetch" of that URL is answered in process.
 * - Wallets' proofs and DPoP proofs are checked against a plain JWK, or a did:jwk or did:key
 *   (resolved offline): no other DID method, and nothing fetched.
 * - The pre-authorized code and the tx_code are stored as HMACs under another key derived from the
 *   same secret: a copy of the database alone cannot redeem an offer, nor guess a 6-digit PIN offline.
 *   c_nonces are authenticated with the same key, so that only used ones need storing.
 * - The libraries refuse `http://` URLs unless told otherwise: allowed only when the issuer's own
 *   public URL is http (development and tests).
 */
@Injectable()
export class Openid4vcLibrary {
  readonly issuer: Openid4vciIssuer;
  readonly authorizationServer: Oauth2AuthorizationServer;
  readonly resourceServer: Oauth2ResourceServer;
  /** How access tokens are signed: the library's signer for our key. */
  readonly accessTokenSigner: JwtSigner;
  private readonly accessTokenKey: KeyObject;
  private readonly publicJwk: Jwk;
  private readonly secretKey: Buffer;
  private readonly didResolver = createDidResolver();

  constructor(@Inject(ISSUER_CONFIG) config: IssuerConfig) {
    setGlobalConfig({ allowInsecureUrls: new URL(config.publicUrl).protocol === 'http:' });
    const secret = Buffer.from(config.keyEncryptionSecret, 'hex');
    this.secretKey = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'openid4vci offer secrets', 32));
    const { privateKey, publicJwk } = derivedP256Key(secret, 'openid4vci access tokens');
    this.accessTokenKey = privateKey;
    this.publicJwk = { ...publicJwk, kid: thumbprintOf(publicJwk), use: 'sig', alg: 'ES256' };
    this.accessTokenSigner = { method: 'jwk', alg: 'ES256', publicJwk: this.publicJwk, kid: this.publicJwk.kid };
    const callbacks: Omit<CallbackContext, 'decryptJwe' | 'encryptJwe'> = {
      hash: (data, alg) => createHash(alg.replace('-', '').toLowerCase()).update(data).digest(),
      generateRandom: (bytes) => randomBytes(bytes),
      clientAuthentication: clientAuthenticationAnonymous(),
      signJwt: this.signJwt,
      verifyJwt: this.verifyJwt,
      fetch: this.localFetch,
    };
    this.issuer = new Openid4vciIssuer({ callbacks });
    this.authorizationServer = new Oauth2AuthorizationServer({ callbacks });
    this.resourceServer = new Oauth2ResourceServer({ callbacks });
  }

  /** The access-token key as every credential issuer's JWKS publishes it. */
  jwks(): { keys: Jwk[] } {
    return { keys: [this.publicJwk] };
  }

  /** A keyed hash of an offer's secret (its pre-authorized code, its tx_code), as stored. */
  secretHash(value: string): Buffer {
    return createHmac('sha256', this.secretKey).update(value, 'utf8').digest();
  }

  /**
   * A c_nonce for an institution's issuer: its expiry and random bytes, authenticated with the
   * offer-secrets key, so that making one stores nothing (anyone may ask for nonces); only a used
   * one is stored, to refuse it the second time.
   */
  mintNonce(institutionId: string, expiresAt: Date): string {
    const body = `${Math.floor(expiresAt.getTime() / 1000)}.${randomBytes(16).toString('base64url')}`;
    return `${body}.${this.nonceTag(institutionId, body)}`;
  }

  /** When a nonce this issuer minted for the institution expires; undefined for any other string. */
  nonceExpiry(institutionId: string, nonce: string): Date | undefined {
    const match = /^(\d{1,12})\.[A-Za-z0-9_-]{22}\.([A-Za-z0-9_-]{43})$/.exec(nonce);
    if (!match) return undefined;
    const body = nonce.slice(0, nonce.lastIndexOf('.'));
    const expected = Buffer.from(this.nonceTag(institutionId, body));
    const given = Buffer.from(match[2]);
    return given.length === expected.length && timingSafeEqual(given, expected) ? new Date(Number(match[1]) * 1000) : undefined;
  }

  private nonceTag(institutionId: string, body: string): string {
    return createHmac('sha256', this.secretKey).update(`c_nonce ${institutionId} ${body}`, 'utf8').digest('base64url');
  }

  /** Signs only with the access-token key: the libraries ask for nothing else on the issuer's side. */
  private readonly signJwt: SignJwtCallback = async (signer, { header, payload }) => {
    if (signer.method !== 'jwk' || thumbprintOf(signer.publicJwk) !== this.publicJwk.kid)
      throw new Error('the issuer signs JWTs with its access-token key only');
    const jwt = await new CompactSign(Buffer.from(JSON.stringify(payload), 'utf8'))
      .setProtectedHeader({ ...header, kid: this.publicJwk.kid })
      .sign(this.accessTokenKey);
    return { jwt, signerJwk: this.publicJwk };
  };

  /** Checks a JWS against the key its signer names; the libraries check the claims themselves. */
  private readonly verifyJwt: VerifyJwtCallback = async (signer, { compact }) => {
    const key = await this.publicKeyOf(signer);
    if (!key) return { verified: false };
    try {
      await compactVerify(compact, key, { algorithms: [signer.alg] });
      return { verified: true, signerJwk: key.export({ format: 'jwk' }) as Jwk };
    } catch {
      return { verified: false };
    }
  };

  private async publicKeyOf(signer: JwtSigner): Promise<KeyObject | undefined> {
    try {
      if (signer.method === 'jwk') return 'd' in signer.publicJwk ? undefined : createPublicKey({ key: signer.publicJwk, format: 'jwk' });
      if (signer.method !== 'did') return undefined;
      const did = signer.didUrl.split('#')[0];
      if (!/^did:(key|jwk):/.test(did)) return undefined;
      const { didDocument } = await this.didResolver.resolve(did);
      const method = didDocument && findVerificationMethod(didDocument, signer.didUrl);
      return method ? publicKeyOf(method) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The libraries' only fetch on this side: a credential issuer's JWKS, which is ours. */
  private readonly localFetch = async (input: string | URL | Request): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (!JWKS_PATH.test(url.pathname)) throw new Error(`the issuer fetches nothing but its own JWKS, not ${url.href}`);
    return new Response(JSON.stringify(this.jwks()), { headers: { 'Content-Type': 'application/jwk-set+json' } });
  };
}

/** A P-256 key pair derived from a secret and a label: the same on every instance that has the secret. */
function derivedP256Key(secret: Buffer, label: string): { privateKey: KeyObject; publicJwk: Jwk } {
  const d = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), label, 32));
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey();
  const publicJwk = {
    kty: 'EC',
    crv: 'P-256',
    x: point.subarray(1, 33).toString('base64url'),
    y: point.subarray(33).toString('base64url'),
  };
  return { privateKey: createPrivateKey({ key: { ...publicJwk, d: d.toString('base64url') }, format: 'jwk' }), publicJwk };
}

/** RFC 7638 thumbprint of an EC public key (the members it names, in order). */
function thumbprintOf(jwk: Jwk): string {
  return createHash('sha256')
    .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }))
    .digest('base64url');
}
