import { type DocumentLoader, signDataIntegrityPresentation, type SigningKey, signVpJwt } from '#identity';
import { ES256KSigner, hexToBytes } from 'did-jwt';
import { createVerifiablePresentationJwt } from 'did-jwt-vc';
import { didOf, type TestSigner } from './keys.js';

export interface VpJwtOptions {
  /** Who the presentation is addressed to (`aud`). */
  aud: string;
  /** The did:ethr wallet that signs; the holder is its DID unless another is named. */
  signer: TestSigner;
  holder?: string;
  /** JWT claims over the usual ones, such as `exp`. */
  claims?: Record<string, unknown>;
}

/** A holder's VCDM 1.1 VP-JWT (ES256K, did:ethr) over the credentials, answering the challenge `nonce`. */
export function vpJwt(
  credentials: string[],
  nonce: string,
  { aud, signer, holder = didOf(signer), claims = {} }: VpJwtOptions,
): Promise<string> {
  return createVerifiablePresentationJwt(
    {
      vp: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiablePresentation'], verifiableCredential: credentials },
      nonce,
      aud,
      ...claims,
    },
    { did: holder, signer: ES256KSigner(hexToBytes(signer.privateKey)), alg: 'ES256K' },
  );
}

/** An unsigned VCDM 2.0 presentation of the holder's credentials. */
export const presentationOf = (holder: string, verifiableCredential: unknown[]) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiablePresentation'],
  holder,
  verifiableCredential,
});

/** The holder's VCDM 2.0 presentation of the credentials, signed by its key as `vp+jwt` or with a Data Integrity proof. */
export async function signedPresentation(
  format: 'vp+jwt' | 'Data Integrity',
  holder: SigningKey,
  credentials: unknown[],
  { challenge, domain, documentLoader }: { challenge: string; domain: string; documentLoader: DocumentLoader },
): Promise<unknown> {
  const presentation = presentationOf(holder.controller, credentials);
  return format === 'vp+jwt'
    ? signVpJwt(presentation, holder, { nonce: challenge, aud: domain })
    : signDataIntegrityPresentation(presentation, holder, { documentLoader, challenge, domain });
}

/** A challenge the verifier hands out for the domain; anything but 201 fails the test. */
export async function challengeFrom(verifierUrl: string, domain: string): Promise<string> {
  const response = await fetch(`${verifierUrl}/challenges`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ domain }),
  });
  const body = (await response.json()) as { challenge?: string };
  if (response.status !== 201 || !body.challenge) throw new Error(`a challenge answered ${response.status}: ${JSON.stringify(body)}`);
  return body.challenge;
}
