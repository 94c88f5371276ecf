import type { DomainErrorKind } from './domain-error.js';

interface ErrorDefinition {
  /** What kind of failure it is; the filter turns the kind into the HTTP status. */
  kind: DomainErrorKind;
  meaning: string;
}

/**
 * Every error code the issuer's and the verifier's HTTP APIs answer with, with its kind (so its
 * status) and what it means. Each feature's error class picks its codes from here; a code is defined
 * once, whichever features raise it. Codes are public API: add, never rename. The README's error
 * table lists the same (a unit test compares them).
 */
export const ERROR_CODES = {
  MALFORMED_JSON: { kind: 'invalid_input', meaning: 'The body is not valid JSON.' },
  MISSING_REQUEST_BODY: { kind: 'invalid_input', meaning: 'The endpoint takes a JSON body and none came.' },
  INVALID_REQUEST_BODY: {
    kind: 'invalid_input',
    meaning: "The body breaks the endpoint's schema; `details.violations[] {path, message}` says where.",
  },
  INVALID_PARAMETER: { kind: 'invalid_input', meaning: 'A path or query parameter is malformed (an id, a page size, a cursor).' },
  MALFORMED_URL: { kind: 'invalid_input', meaning: "The path's percent-encoding does not decode to UTF-8." },
  INVALID_CHARACTER: { kind: 'invalid_input', meaning: 'The URL or the body holds a NUL character.' },
  JSON_TOO_DEEP: { kind: 'invalid_input', meaning: 'The JSON body is nested more than 32 levels.' },
  UNREADABLE_BODY: {
    kind: 'invalid_input',
    meaning: 'The body does not decode as its `Content-Encoding` says, or its length differs from `Content-Length`.',
  },
  PAYLOAD_TOO_LARGE: { kind: 'too_large', meaning: 'The body is over `MAX_BODY_BYTES`.' },
  UNSUPPORTED_CHARSET: { kind: 'unsupported_media_type', meaning: "The body's charset is not UTF-8." },
  UNSUPPORTED_CONTENT_ENCODING: { kind: 'unsupported_media_type', meaning: "The body's `Content-Encoding` is not gzip, deflate or br." },
  ROUTE_NOT_FOUND: { kind: 'not_found', meaning: 'No endpoint answers this method and path.' },
  RATE_LIMITED: { kind: 'rate_limited', meaning: 'The client went over its limit; `Retry-After` says when to come back.' },
  INTERNAL_ERROR: { kind: 'internal', meaning: 'A bug, logged; nothing of the request is stored.' },

  ADMIN_TOKEN_REQUIRED: { kind: 'unauthenticated', meaning: 'An admin endpoint was called without the admin token.' },
  ADMIN_TOKEN_INVALID: { kind: 'unauthenticated', meaning: 'The admin token is wrong.' },
  API_KEY_REQUIRED: { kind: 'unauthenticated', meaning: "An institution's endpoint was called without an API key." },
  API_KEY_INVALID: { kind: 'unauthenticated', meaning: 'The API key is wrong or no longer valid.' },
  INSTITUTION_NOT_FOUND: { kind: 'not_found', meaning: 'No institution has this id.' },
  INSTITUTION_SLUG_TAKEN: { kind: 'conflict', meaning: 'Another institution has the slug asked for (it names the did:web).' },

  FOREIGN_ISSUER: { kind: 'forbidden', meaning: "A credential names an issuer other than one of the caller's own two DIDs." },
  PROOF_NOT_ALLOWED: { kind: 'invalid_input', meaning: 'A VC-API credential comes with a `proof`; the issuer adds it.' },
  CREDENTIAL_STATUS_NOT_ALLOWED: {
    kind: 'invalid_input',
    meaning: 'A VC-API credential of our kinds comes with `credentialStatus`; the issuer assigns its one entry.',
  },
  REFRESH_SERVICE_NOT_ALLOWED: {
    kind: 'invalid_input',
    meaning: 'A VC-API credential of our kinds comes with `refreshService`; the issuer names its anchored package.',
  },
  RESERVED_MEMBER_NOT_ALLOWED: {
    kind: 'invalid_input',
    meaning: 'A VC-API credential to be signed as a JWT carries a member the JWT encodings reserve for their claims.',
  },
  CREDENTIAL_SCHEMA_INVALID: {
    kind: 'unprocessable',
    meaning: "The credential breaks the W3C data model or its kind's schema; `details.violations` says where.",
  },
  FORMAT_NOT_AVAILABLE: {
    kind: 'unprocessable',
    meaning:
      'The format, cryptosuite and issuer asked for do not go together (Data Integrity from the did:ethr, a VCDM 2.0 `vc-jwt`, ...).',
  },
  CREDENTIAL_ID_TAKEN: { kind: 'conflict', meaning: 'A credential with the `id` sent was issued already.' },
  CREDENTIAL_TOO_LARGE: { kind: 'unprocessable', meaning: 'The signed credential would be over 64 KiB; nothing is stored.' },
  CREDENTIAL_OUTSIDE_VALIDITY_PERIOD: {
    kind: 'unprocessable',
    meaning: 'The signed credential would not be valid now; nothing is stored.',
  },
  CREDENTIAL_NOT_SIGNABLE: {
    kind: 'unprocessable',
    meaning:
      'JSON-LD cannot sign the credential as Data Integrity: a context it names is not pinned, or a term has no definition; `details.reason` says which.',
  },
  ISSUANCE_SELF_CHECK_FAILED: { kind: 'internal', meaning: "What was just signed failed the issuer's own check; nothing is stored." },
  CREDENTIAL_NOT_FOUND: {
    kind: 'not_found',
    meaning: 'The institution has no credential with this id (or, for receipts, no credential has this id or leaf).',
  },
  CREDENTIAL_NOT_OFFERABLE: {
    kind: 'unprocessable',
    meaning: 'A wallet offer was asked for a credential of none of our three kinds (a VC-API credential of its own shape).',
  },
  OFFER_NOT_FOUND: { kind: 'not_found', meaning: "No wallet offer has this code (a claim page's or QR code's URL)." },
  CREDENTIAL_NOT_ANCHORED_YET: { kind: 'not_found', meaning: 'The credential is issued but not anchored with enough confirmations yet.' },
  CREDENTIAL_REVOKED: { kind: 'conflict', meaning: 'The credential is revoked, and revoking is final.' },
  CREDENTIAL_HAS_NO_STATUS: { kind: 'conflict', meaning: 'The credential was issued before status lists and names none.' },
  STATUS_LIST_NOT_FOUND: { kind: 'not_found', meaning: 'There is no status list with this id.' },
  STATUS_LIST_VERSION_NOT_FOUND: { kind: 'not_found', meaning: 'The status list has no such version.' },
  VERIFICATION_LINKS_NOT_CONFIGURED: { kind: 'conflict', meaning: 'The issuer has no `VERIFIER_URL` to make links with.' },
  VERIFICATION_LINK_REFUSED: { kind: 'unprocessable', meaning: 'The verifier refused to make a link for the credential.' },
  VERIFIER_UNAVAILABLE: { kind: 'unavailable', meaning: 'The issuer could not reach the verifier, or the verifier rate-limited it.' },
  KEY_DECRYPTION_FAILED: { kind: 'unavailable', meaning: 'A stored signing key does not decrypt with `KEY_ENCRYPTION_SECRET`.' },
  ISSUER_KEY_MISSING: { kind: 'unavailable', meaning: "No signing key is stored for the institution's DID." },
  CHAIN_UNAVAILABLE: { kind: 'unavailable', meaning: "The chain could not be read to confirm a receipt's block; try again." },

  ALLIANCE_NOT_FOUND: { kind: 'not_found', meaning: 'The caller is a member of no alliance with this id.' },
  ALLIANCE_FOUNDER_ONLY: { kind: 'forbidden', meaning: 'Only the institution that founded the alliance adds members.' },
  ALLIANCE_MEMBER_EXISTS: { kind: 'conflict', meaning: 'The institution is a member of the alliance already.' },
  APPROVER_DID_TAKEN: {
    kind: 'conflict',
    meaning: 'Another member of the alliance approves with this DID; each member approves with its own.',
  },
  POLICY_INVALID: {
    kind: 'unprocessable',
    meaning: 'The recognition policy breaks its schema or its own references; `details.violations[] {path, message}` says where.',
  },
  POLICY_FOREIGN_INSTITUTION: {
    kind: 'forbidden',
    meaning:
      "A policy's `receivingInstitution` is not one of the caller's two DIDs: an institution proposes policies for its own programmes.",
  },
  POLICY_EXISTS: {
    kind: 'conflict',
    meaning: 'The alliance has a policy for this programme of the caller already; propose a new version of it.',
  },
  POLICY_NOT_FOUND: { kind: 'not_found', meaning: 'No policy with this id is visible to the caller.' },
  POLICY_VERSION_NOT_FOUND: {
    kind: 'not_found',
    meaning: 'The policy has no such version (publicly: no such published version).',
  },
  POLICY_PROPOSER_ONLY: { kind: 'forbidden', meaning: 'Only the receiving institution that proposed a policy changes it.' },
  POLICY_PUBLISHED: { kind: 'conflict', meaning: 'The policy version is published, and a published version never changes.' },
  POLICY_ALREADY_APPROVED: { kind: 'conflict', meaning: 'The member approved this text of the policy version already.' },
  APPROVAL_INVALID: {
    kind: 'unprocessable',
    meaning:
      "The approval is not a `vp+jwt` signed by the member's approver DID with the version's digest as `nonce` and its URL as `aud`; `details` says why.",
  },
  APPROVER_DID_UNAVAILABLE: {
    kind: 'unavailable',
    meaning: "The approver's DID could not be resolved now (the chain did not answer); nothing is stored, try again.",
  },
  CREDIT_CHALLENGE_INVALID: {
    kind: 'unprocessable',
    meaning:
      'The challenge is unknown, used already, expired, or was handed out for another account or purpose; `details.reason` says which. Ask for a new one.',
  },
  PRESENTATION_NOT_VERIFIED: {
    kind: 'unprocessable',
    meaning:
      "The presentation itself does not hold (format, the holder's signature, the challenge, the domain, its validity period); `details.checks` says why. Nothing is stored.",
  },
  DEPOSIT_NOT_VERIFIED: {
    kind: 'unprocessable',
    meaning:
      'A presented credential did not verify with every check (or could not be checked now); `details` has its report. Nothing of the presentation is stored.',
  },
  DEPOSIT_NOT_HOLDERS: {
    kind: 'unprocessable',
    meaning:
      "A presented credential's subject is not the presenting holder (nor the learner named). Nothing of the presentation is stored.",
  },
  DEPOSIT_ISSUER_NOT_TRUSTED: {
    kind: 'unprocessable',
    meaning:
      "A presented credential's issuer is not an institution of this issuer that belongs to the account's alliance. Nothing of the presentation is stored.",
  },
  DEPOSIT_DUPLICATE: {
    kind: 'conflict',
    meaning:
      'The account holds this credential already (the same signed bytes); a credential is deposited once. Nothing of the presentation is stored.',
  },
  CREDIT_ACCOUNT_EXISTS: {
    kind: 'conflict',
    meaning: 'The holder has an account at this institution in this alliance already (`details.accountId`); deposit into it.',
  },
  CREDIT_ACCOUNT_NOT_FOUND: { kind: 'not_found', meaning: 'No credit account with this id is visible to the caller.' },
  NOT_ACCOUNT_HOLDER: {
    kind: 'forbidden',
    meaning: "The presentation is signed by another DID than the account's holder.",
  },
  POLICY_NOT_PUBLISHED: { kind: 'conflict', meaning: 'Recognitions are proposed under a published policy version only.' },
  DECISION_NOT_FOUND: { kind: 'not_found', meaning: 'No recognition decision with this id is visible to the caller.' },
  DECISION_ALREADY_DECIDED: {
    kind: 'conflict',
    meaning: 'The decision is not a proposal waiting for the registrar (confirmed, edited, refused or withdrawn already).',
  },
  DECISION_TARGET_REQUIRED: {
    kind: 'unprocessable',
    meaning: 'Recognising what a rule refused (after a dispute upheld it) needs a `target`: the course or bucket it counts for.',
  },
  DECISION_NOT_DISPUTABLE: {
    kind: 'conflict',
    meaning: 'Only a decision made (confirmed, edited, refused by the registrar or by a rule) can be disputed, within its appeal deadline.',
  },
  DISPUTE_EXISTS: { kind: 'conflict', meaning: 'The decision has an open dispute already.' },
  DISPUTE_NOT_FOUND: { kind: 'not_found', meaning: 'No dispute with this id is visible to the caller.' },
  DISPUTE_PANEL_INVALID: {
    kind: 'unprocessable',
    meaning: 'A panel is an odd number (at least three) of distinct alliance members other than the receiving institution, named once.',
  },
  DISPUTE_NOT_REVIEWER: { kind: 'forbidden', meaning: "The caller is not on the dispute's panel." },
  DISPUTE_ALREADY_VOTED: { kind: 'conflict', meaning: 'The reviewer has voted on this dispute already; a vote is never changed.' },
  DISPUTE_DECIDED: { kind: 'conflict', meaning: 'The dispute is decided; no more votes or panel changes.' },
  RECOGNITION_SOURCES_MISMATCH: {
    kind: 'unprocessable',
    meaning:
      'The source credentials given are not those of the decision: each source needs the deposited credential whose digest (`digestMultibase` of its exact bytes) the decision names, and no other; nothing is issued.',
  },
  RECOGNITION_SOURCE_UNREADABLE: {
    kind: 'unprocessable',
    meaning: "A source credential's deposited bytes do not read as a signed credential of a format the verifier reads; nothing is issued.",
  },

  LINK_NOT_FOUND: { kind: 'not_found', meaning: 'The verifier has no verification link with this code.' },
  LINK_CREDENTIAL_NOT_VERIFIED: {
    kind: 'unprocessable',
    meaning: 'The verifier makes a link only for a credential whose signature verifies.',
  },
  LINK_ISSUER_NOT_TRUSTED: {
    kind: 'unprocessable',
    meaning: 'The verifier makes a link only for a credential of an institution it trusts.',
  },
  LINK_CREDENTIAL_TOO_LARGE: {
    kind: 'too_large',
    meaning:
      'The verifier makes a link only for a credential of at most 128 KiB signed (a JWT, or a Data Integrity document as RFC 8785 JSON).',
  },

  PRESENTATION_REQUEST_NOT_FOUND: {
    kind: 'not_found',
    meaning: 'The verifier has no presentation request (or VC-API exchange) with this id.',
  },
  PRESENTATION_REQUEST_ANSWERED: {
    kind: 'conflict',
    meaning: 'The presentation request was answered already: a wallet answers a request once.',
  },
  PRESENTATION_REQUEST_EXPIRED: { kind: 'conflict', meaning: 'The presentation request expired before the wallet answered it.' },
  PRESENTATION_RESPONSE_INVALID: {
    kind: 'invalid_input',
    meaning:
      "The wallet's answer breaks the protocol (no `vp_token` per DCQL query, another `state`, credentials that do not answer the query, presentations signed by different holders); nothing is kept.",
  },
  PRESENTATION_RESPONSE_REFUSED: {
    kind: 'unprocessable',
    meaning:
      "A presentation of the wallet's answer does not hold (its format, the holder's signature, the request's nonce, the verifier as audience, its validity period); `details.presentations` says which; nothing is kept.",
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERROR_CODES;
