import type { CredentialKind } from '#schemas';
import { EXAMPLE_FACTS } from '../../scripts/example-facts.js';
import { postJson } from '../stack.js';
import { authOf, type TestInstitution } from './institutions.js';

/** Where a test issuer listens. */
export interface IssuerAccess {
  issuerUrl: string;
}

/**
 * A facts request: the example facts of its kind (a course unless told), with members over them,
 * such as `format`, `cryptosuite`, `issuer`, `learner` or `credits`.
 */
export type CredentialRequest = {
  kind?: CredentialKind;
  format?: 'vc-jwt' | 'vc+jwt' | 'ldp_vc' | (string & {});
  [member: string]: unknown;
};

/** What the issuer answered a facts request with. */
export interface IssuedCredential {
  id: string;
  kind: CredentialKind;
  verifiableCredential: Record<string, any>;
}

/** The body of a facts request: a fresh copy of the example facts, with the request's members over them. */
export function credentialFacts({ kind = 'course', ...members }: CredentialRequest = {}): Record<string, unknown> {
  // A kind of none of ours has no example facts: a test of it sets `kind` over a body of ours.
  if (!Object.hasOwn(EXAMPLE_FACTS, kind)) throw new Error(`no example facts of the kind ${String(kind)}`);
  return { ...structuredClone(EXAMPLE_FACTS[kind]), ...members };
}

/** POST /v1/credentials from facts, answered as it is: for tests of the answer. */
export function requestCredential(issuer: IssuerAccess, institution: Pick<TestInstitution, 'apiKey'>, request: CredentialRequest = {}) {
  return postJson(`${issuer.issuerUrl}/v1/credentials`, credentialFacts(request), authOf(institution));
}

/** A credential issued from facts; anything but 201 fails the test. */
export async function issueCredential(
  issuer: IssuerAccess,
  institution: Pick<TestInstitution, 'apiKey'>,
  request: CredentialRequest = {},
): Promise<IssuedCredential> {
  const response = await requestCredential(issuer, institution, request);
  if (response.status !== 201) throw new Error(`issuing answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as IssuedCredential;
}

/** `count` credentials of the same request, one after another. */
export async function issueCredentials(
  issuer: IssuerAccess,
  institution: Pick<TestInstitution, 'apiKey'>,
  count: number,
  request: CredentialRequest = {},
): Promise<IssuedCredential[]> {
  const issued: IssuedCredential[] = [];
  for (let i = 0; i < count; i++) issued.push(await issueCredential(issuer, institution, request));
  return issued;
}

/** The VC-JWT (VCDM 1.1) of an issued `vc-jwt` credential. */
export const jwtOf = (issued: IssuedCredential): string => issued.verifiableCredential.proof.jwt;

/** POST /credentials/issue (the W3C VC-API), answered as it is. */
export function requestVcApiCredential(
  issuer: IssuerAccess,
  institution: Pick<TestInstitution, 'apiKey'>,
  credential: object,
  options?: object,
) {
  return postJson(`${issuer.issuerUrl}/credentials/issue`, { credential, ...(options ? { options } : {}) }, authOf(institution));
}

/** POST /credentials/status: one change of a credential's status, answered as it is. */
export function changeStatus(
  issuer: IssuerAccess,
  institution: Pick<TestInstitution, 'apiKey'>,
  credentialId: string,
  status: 'revoked' | 'suspended' | 'unsuspended' | (string & {}),
  reason = 'Registrar decision 2026-114',
) {
  return postJson(
    `${issuer.issuerUrl}/credentials/status`,
    { credentialId, credentialStatus: [{ type: 'BitstringStatusListCredential', status }], reason },
    authOf(institution),
  );
}

/** A credential as the issuer handed it out, without what the issuer assigns (its id, proof, status and refresh service): what a VC-API client sends. */
export function unsignedFrom(handedOut: Record<string, any>): Record<string, any> {
  const { id: _id, proof: _proof, credentialStatus: _status, refreshService: _refresh, ...credential } = handedOut;
  return credential;
}

/** An unsigned credential of one of our kinds, as a VC-API client would send it (VCDM 1.1, to be signed as a VC-JWT, unless told). */
export async function unsignedCredential(
  issuer: IssuerAccess,
  institution: Pick<TestInstitution, 'apiKey'>,
  request: CredentialRequest = { format: 'vc-jwt' },
): Promise<Record<string, any>> {
  return unsignedFrom((await issueCredential(issuer, institution, request)).verifiableCredential);
}
