import type { UnsignedCredential } from '../common/credential-envelope.js';
import { type IssuerProfile, issuerObject } from '../common/issuer-profile.js';
import { CONTEXT_URLS } from '../contexts/context-urls.js';
import { encodeStatusList, STATUS_LIST_CREDENTIAL_TYPE, STATUS_LIST_TYPE, type StatusPurpose } from './bitstring-status-list.js';

/**
 * The published list (§2.2 of the Recommendation), in the VCDM 1.1 shape our VC-JWTs use. Its JSON-LD
 * terms live in the VCDM 2.0 context, which cannot be mixed with 1.1; a VC-JWT is checked as JSON,
 * so this matters only for a future Data Integrity proof (see libs/schemas/README.md).
 */
export function statusListCredential(list: {
  url: string;
  issuer: IssuerProfile;
  issuanceDate: string;
  purpose: StatusPurpose;
  bits: Uint8Array;
}): UnsignedCredential {
  return {
    '@context': [CONTEXT_URLS.credentialsV1],
    id: list.url,
    type: ['VerifiableCredential', STATUS_LIST_CREDENTIAL_TYPE],
    issuer: issuerObject(list.issuer),
    issuanceDate: list.issuanceDate,
    credentialSubject: {
      id: `${list.url}#list`,
      type: STATUS_LIST_TYPE,
      statusPurpose: list.purpose,
      encodedList: encodeStatusList(list.bits),
    },
  };
}

/**
 * The published list in the VCDM 2.0 shape (§2.2), whose terms the v2 context defines, so it can be
 * signed as Data Integrity: the list a VCDM 2.0 credential's one `message` entry points at, its
 * entries `statusSize` bits each (the entry says how many, and what each value means).
 */
export function statusListCredentialV2(list: {
  url: string;
  issuer: string;
  validFrom: string;
  purpose: StatusPurpose | 'message';
  bits: Uint8Array;
}): Record<string, unknown> {
  return {
    '@context': [CONTEXT_URLS.credentialsV2],
    id: list.url,
    type: ['VerifiableCredential', STATUS_LIST_CREDENTIAL_TYPE],
    issuer: list.issuer,
    validFrom: list.validFrom,
    credentialSubject: {
      id: `${list.url}#list`,
      type: STATUS_LIST_TYPE,
      statusPurpose: list.purpose,
      encodedList: encodeStatusList(list.bits),
    },
  };
}
