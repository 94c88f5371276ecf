import { CERTIFICATE_TYPES, CONTEXT_URLS, type CredentialKind, detectCredentialKind, type JsonObject, listOf } from '#schemas';
import type { VerifiedCredentialFormat } from '#verification';
import { DcqlPresentationResult, DcqlQuery, type DcqlW3cVcPresentation } from 'dcql';
import type { RequestedCredentials } from './presentation-request-store.js';

/** The W3C formats a wallet may answer in, each with the DCQL credential query that asks for it. */
export const QUERY_FORMATS = { credentials_ldp_vc: 'ldp_vc', credentials_jwt_vc_json: 'jwt_vc_json' } as const;
export type QueryId = keyof typeof QUERY_FORMATS;
type DcqlFormat = (typeof QUERY_FORMATS)[QueryId];

/**
 * DCQL asks for W3C credentials by their types expanded to IRIs: ours are Open Badges credentials
 * (`AchievementCredential` is the same IRI in the pinned Open Badges context).
 */
const EXPANDED_TYPES: Record<string, string> = {
  VerifiableCredential: 'https://www.w3.org/2018/credentials#VerifiableCredential',
  OpenBadgeCredential: 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential',
  AchievementCredential: 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential',
};
const REQUESTED_TYPES = [EXPANDED_TYPES.VerifiableCredential, EXPANDED_TYPES.OpenBadgeCredential];

/** A VC-JWT (VCDM 1.1) and a VC-JOSE `vc+jwt` are both a JWT credential to DCQL, which has no name for the latter. */
const DCQL_FORMAT_OF: Record<VerifiedCredentialFormat, DcqlFormat> = { ldp_vc: 'ldp_vc', 'vc-jwt': 'jwt_vc_json', 'vc+jwt': 'jwt_vc_json' };

/** The Open Badges `achievementType` of each kind: a credit and a course are both a Course (credits tell them apart). */
const achievementTypesOf = (kinds: CredentialKind[]): string[] => [
  ...new Set(kinds.flatMap((kind) => (kind === 'certificate' ? [...CERTIFICATE_TYPES] : ['Course']))),
];

/**
 * The DCQL query of a school's request: Open Badges credentials of the kinds asked for (and of the
 * issuers named, if any), as `ldp_vc` or as a JWT, several of each, in any combination.
 */
export function dcqlQueryOf({ kinds, issuers, purpose }: RequestedCredentials): DcqlQuery {
  const claims = [
    { path: ['credentialSubject', 'achievement', 'achievementType'], values: achievementTypesOf(kinds) },
    ...(issuers ? [{ path: ['issuer', 'id'], values: issuers }] : []),
  ];
  const ids = Object.keys(QUERY_FORMATS) as QueryId[];
  const query = DcqlQuery.parse({
    credentials: ids.map((id) => ({
      id,
      format: QUERY_FORMATS[id],
      multiple: true,
      require_cryptographic_holder_binding: true,
      meta: { type_values: [REQUESTED_TYPES] },
      claims,
    })),
    credential_sets: [{ options: [ids, ...ids.map((id) => [id])], required: true, ...(purpose ? { purpose } : {}) }],
  } as DcqlQuery.Input);
  DcqlQuery.validate(query);
  return query;
}

/** One credential of an answer as verified: its format and what it signs. */
export interface AnsweredCredential {
  format?: VerifiedCredentialFormat;
  signed?: JsonObject;
}

/** Whether the credentials each query id got, as verified, satisfy the query (formats, types, claims, sets). */
export function answersQuery(query: DcqlQuery, answered: Record<string, AnsweredCredential[]>): boolean {
  const presentations: Record<string, DcqlW3cVcPresentation[]> = {};
  for (const [id, credentials] of Object.entries(answered)) {
    presentations[id] = credentials.map(({ format, signed }) => ({
      // An undecodable credential failed verification already; as an ldp_vc with no types it matches nothing.
      credential_format: format ? DCQL_FORMAT_OF[format] : 'ldp_vc',
      type: listOf(signed?.type).map((type) => EXPANDED_TYPES[String(type)] ?? String(type)),
      claims: (signed ?? {}) as DcqlW3cVcPresentation['claims'],
      cryptographic_holder_binding: true,
    }));
  }
  return DcqlPresentationResult.fromDcqlPresentation(presentations, { dcqlQuery: query }).can_be_satisfied;
}

/** Why a verified credential is not what the school asked for, or undefined when it is. */
export function outsideRequest(
  { kinds, issuers }: RequestedCredentials,
  issuer: string | undefined,
  signed?: JsonObject,
): string | undefined {
  const kind = signed && detectCredentialKind(signed);
  if (!kind || !kinds.includes(kind))
    return `It is ${kind ? `a ${kind}` : 'not a course, certificate or credit'} credential; the school asked for ${kinds.join(', ')}.`;
  if (issuers && !(issuer && issuers.includes(issuer))) return 'Its issuer is not one of the institutions the school asked for.';
  return undefined;
}

/**
 * The VC-API verifiable presentation request (what the Learner Credential Wallet reads): the
 * holder's DID by DIDAuthentication, and Open Badges credentials by example, from the issuers named.
 */
export function verifiablePresentationRequestOf({ issuers, purpose }: RequestedCredentials, challenge: string, domain: string): JsonObject {
  const example = { '@context': [CONTEXT_URLS.credentialsV2, CONTEXT_URLS.openBadgesV3], type: 'OpenBadgeCredential' };
  const reason = purpose ?? 'A receiving school asks for your credits.';
  return {
    query: [
      { type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }], acceptedCryptosuites: [{ cryptosuite: 'eddsa-rdfc-2022' }] },
      {
        type: 'QueryByExample',
        credentialQuery: (issuers ?? [undefined]).map((issuer) => ({
          reason,
          example: issuer ? { ...example, issuer: { id: issuer } } : example,
        })),
      },
    ],
    challenge,
    domain,
  };
}
