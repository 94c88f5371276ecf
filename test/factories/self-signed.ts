import { buildCredential, type CredentialFacts, statusListEntry } from '#schemas';
import { ES256KSigner, hexToBytes } from 'did-jwt';
import { type CredentialPayload, createVerifiableCredentialJwt, transformCredentialInput } from 'did-jwt-vc';
import { randomUUID } from 'node:crypto';
import { Wallet } from 'ethers';
import { EXAMPLE_FACTS } from '../../scripts/example-facts.js';
import { didOf, type TestSigner } from './keys.js';

export interface SelfSignedOptions {
  wallet?: TestSigner;
  facts?: CredentialFacts;
  /** JWT claims over the usual ones (`nbf` a minute ago), such as `exp`. */
  claims?: Record<string, unknown>;
  /** Status lists the credential names, one revocation entry at index 7 in each. */
  statusLists?: string[];
  /** Members of the credential's subject over the built ones, such as its `id`. */
  subject?: Record<string, unknown>;
}

/**
 * A credential of one of our kinds signed by a did:ethr the test holds (no institution, no registry):
 * what the issuer would never sign, encoded into JWT claims exactly as Veramo does.
 */
export function selfSignedCredential({
  wallet = Wallet.createRandom(),
  facts = EXAMPLE_FACTS.course,
  claims = {},
  statusLists = [],
  subject = {},
}: SelfSignedOptions = {}): Promise<string> {
  const did = didOf(wallet);
  const credential = buildCredential(facts, {
    id: `urn:uuid:${randomUUID()}`,
    issuer: { id: did, name: 'Self', url: 'https://self.example' },
    issuanceDate: '2026-01-01T00:00:00Z',
  });
  // An array of status entries, where did-jwt-vc types a single one.
  const withExtras = {
    ...credential,
    credentialSubject: { ...(credential.credentialSubject as Record<string, unknown>), ...subject },
    ...(statusLists.length > 0 ? { credentialStatus: statusLists.map((url) => statusListEntry(url, 'revocation', 7)) } : {}),
  } as unknown as CredentialPayload;
  return createVerifiableCredentialJwt(
    { ...transformCredentialInput(withExtras), nbf: Math.floor(Date.now() / 1000) - 60, ...claims },
    { did, signer: ES256KSigner(hexToBytes(wallet.privateKey)), alg: 'ES256K' },
  );
}
