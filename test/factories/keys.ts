import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { didWebDocumentUrl, type JwkKeyPair, type MultikeyKeyPair } from '#identity';
import { type DIDDocument, type DIDResolver, type JsonWebKey as DidJsonWebKey, Resolver } from 'did-resolver';
import { type HDNodeWallet, Wallet } from 'ethers';
import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { resolveDidJwk } from '../../libs/identity/src/resolvers/did-jwk.resolver.js';
import { resolveDidKey } from '../../libs/identity/src/resolvers/did-key.resolver.js';
import { didWebResolver } from '../../libs/identity/src/resolvers/did-web.resolver.js';

/** A wallet that holds a did:ethr on the test chain (id 31337): a holder, or an issuer no institution knows. */
export type TestSigner = { address: string; privateKey: string };

/** The did:ethr of the test chain (id 31337) that a wallet controls. */
export const didOf = (wallet: { address: string }) => `did:ethr:0x7a69:${wallet.address}`;

/** A fresh did:ethr holder: its wallet and its DID. */
export function ethrHolder(): { wallet: HDNodeWallet; did: string } {
  const wallet = Wallet.createRandom();
  return { wallet, did: didOf(wallet) };
}

/** A fresh did:key and its key pair in Multikey form. */
export async function didKeyPair(curve: 'Ed25519' | 'P-256'): Promise<MultikeyKeyPair> {
  const generated =
    curve === 'Ed25519'
      ? await (Ed25519Multikey as unknown as { generate(): Promise<unknown> }).generate()
      : await (EcdsaMultikey as unknown as { generate(o: object): Promise<unknown> }).generate({ curve });
  const { publicKeyMultibase, secretKeyMultibase } = await (
    generated as { export(o: object): Promise<{ publicKeyMultibase: string; secretKeyMultibase: string }> }
  ).export({
    publicKey: true,
    secretKey: true,
  });
  const did = `did:key:${publicKeyMultibase}`;
  return { type: 'Multikey', id: `${did}#${publicKeyMultibase}`, controller: did, publicKeyMultibase, secretKeyMultibase };
}

/** A fresh JWK pair, its public half without `d`. */
export function jwkPair(curve: 'Ed25519' | 'P-256' | 'secp256k1'): { publicKeyJwk: JsonWebKey; secretKeyJwk: JsonWebKey } {
  const { privateKey } = curve === 'Ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: curve });
  const secretKeyJwk = privateKey.export({ format: 'jwk' });
  const { d: _secret, ...publicKeyJwk } = secretKeyJwk;
  return { publicKeyJwk, secretKeyJwk };
}

/** A fresh did:jwk and its key pair in JWK form. */
export function didJwkPair(curve: 'Ed25519' | 'P-256' | 'secp256k1'): JwkKeyPair {
  const { publicKeyJwk, secretKeyJwk } = jwkPair(curve);
  const did = `did:jwk:${Buffer.from(JSON.stringify(publicKeyJwk)).toString('base64url')}`;
  return { type: 'JsonWebKey', id: `${did}#0`, controller: did, publicKeyJwk, secretKeyJwk };
}

/** A secp256k1 wallet's key as a JWK pair, named as its did:ethr's controller key (`#controller`). */
export function ethrKeyPair(wallet: { privateKey: string; signingKey: { publicKey: string } }, did: string): JwkKeyPair {
  const point = Buffer.from(wallet.signingKey.publicKey.slice(4), 'hex');
  const publicKeyJwk = {
    kty: 'EC',
    crv: 'secp256k1',
    x: point.subarray(0, 32).toString('base64url'),
    y: point.subarray(32).toString('base64url'),
  };
  const secretKeyJwk = { ...publicKeyJwk, d: Buffer.from(wallet.privateKey.slice(2), 'hex').toString('base64url') };
  return { type: 'JsonWebKey', id: `${did}#controller`, controller: did, publicKeyJwk, secretKeyJwk };
}

/** A did:web document listing one key, as an issuer of ours would publish it. */
export function didWebDocument(
  did: string,
  pair: JwkKeyPair,
  relationships: string[] = ['assertionMethod', 'authentication'],
): DIDDocument {
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    verificationMethod: [{ id: pair.id, type: 'JsonWebKey2020', controller: did, publicKeyJwk: pair.publicKeyJwk as DidJsonWebKey }],
    ...Object.fromEntries(relationships.map((name) => [name, [pair.id]])),
  };
}

/** did:key, did:jwk, and did:web answered from the given documents (the fetch a did:web resolution makes, faked). */
export function testResolver(webDocuments: DIDDocument[] = [], extra: Record<string, DIDResolver> = {}): Resolver {
  const documents = new Map(webDocuments.map((document) => [document.id, document]));
  const web = didWebResolver(async (url) => {
    const document = [...documents.values()].find((candidate) => didWebDocumentUrl(candidate.id)?.href === url);
    return document ? { status: 200, body: structuredClone(document) } : { status: 404, body: null };
  });
  return new Resolver({ key: resolveDidKey, jwk: resolveDidJwk, web, ...extra }, { cache: false });
}
