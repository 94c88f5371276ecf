import type { Jwk, SignJwtCallback } from '@openid4vc/oauth2';
import { SignJWT } from 'jose';
import { createECDH, createPrivateKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';

/**
 * The verifier's identity towards wallets: a P-256 key whose did:jwk is the OpenID4VP client
 * (`decentralized_identifier:did:jwk:…`), signing each request object (JAR) a wallet fetches by
 * reference. A wallet resolves did:jwk offline, so no document has to be served. Every instance of
 * one deployment holds the same key (VERIFIER_REQUEST_SIGNING_KEY); one alone may make its own.
 */
export class RequestSigner {
  readonly did: string;
  readonly didUrl: string;
  /** The OpenID4VP client identifier: what each presentation's audience must be. */
  readonly clientId: string;
  private readonly privateKey: KeyObject;
  private readonly publicJwk: Jwk;

  constructor(privateKeyHex?: string) {
    const jwk = privateKeyHex
      ? jwkOfScalar(privateKeyHex)
      : generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
    this.privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
    this.publicJwk = { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! };
    this.did = `did:jwk:${Buffer.from(JSON.stringify(this.publicJwk)).toString('base64url')}`;
    this.didUrl = `${this.did}#0`;
    this.clientId = `decentralized_identifier:${this.did}`;
  }

  readonly signJwt: SignJwtCallback = async (_signer, { header, payload }) => ({
    jwt: await new SignJWT(payload).setProtectedHeader({ ...header, alg: 'ES256' }).sign(this.privateKey),
    signerJwk: this.publicJwk,
  });
}

/** A P-256 private scalar (64 hex characters) as a JWK with its public point. */
function jwkOfScalar(hex: string): JsonWebKey {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(hex, 'hex'));
  const point = ecdh.getPublicKey();
  return {
    kty: 'EC',
    crv: 'P-256',
    x: point.subarray(1, 33).toString('base64url'),
    y: point.subarray(33, 65).toString('base64url'),
    d: Buffer.from(hex, 'hex').toString('base64url'),
  };
}
