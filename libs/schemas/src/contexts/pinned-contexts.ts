// The pinned JSON-LD contexts are data: each file is the published document, byte for byte as it was
// copied (SOURCES.md names where from, with its sha256, and a test holds the files to them), loaded once.
import academicCreditV1 from './academic-credit-v1.json' with { type: 'json' };
import anchoredCredentialsV1 from './anchored-credentials-v1.json' with { type: 'json' };
import clrV2 from './clr-v2p0-2.0.1.json' with { type: 'json' };
import { CONTEXT_URLS } from './context-urls.js';
import credentialsExamplesV2 from './credentials-examples-v2.json' with { type: 'json' };
import credentialsV1 from './credentials-v1.json' with { type: 'json' };
import credentialsV2 from './credentials-v2.json' with { type: 'json' };
import dataIntegrityV1 from './data-integrity-v1.json' with { type: 'json' };
import dataIntegrityV2 from './data-integrity-v2.json' with { type: 'json' };
import didV1 from './did-v1.json' with { type: 'json' };
import ed25519Signature2020V1 from './ed25519-signature-2020-v1.json' with { type: 'json' };
import multikeyV1 from './multikey-v1.json' with { type: 'json' };
import openBadgesV3301 from './ob-v3p0-3.0.1.json' with { type: 'json' };
import openBadgesV3302 from './ob-v3p0-3.0.2.json' with { type: 'json' };
import openBadgesV3303 from './ob-v3p0-3.0.3.json' with { type: 'json' };
import openBadgesV3Extensions from './ob-v3p0-extensions.json' with { type: 'json' };
import openBadgesV3 from './ob-v3p0.json' with { type: 'json' };
import recognitionV1 from './recognition-v1.json' with { type: 'json' };

/** Frozen, so that no caller can change what every later caller gets for a URL. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

// The URLs under which 1EdTech and the W3C publish these contexts, as 1EdTech's validator maps them.
const PINNED = new Map<string, object>(
  Object.entries({
    [CONTEXT_URLS.credentialsV1]: credentialsV1,
    [CONTEXT_URLS.credentialsV2]: credentialsV2,
    // The VCDM 2.0 examples' context, which the W3C test suites send: every term under its @vocab.
    'https://www.w3.org/ns/credentials/examples/v2': credentialsExamplesV2,
    'https://purl.imsglobal.org/spec/ob/v3p0/context.json': openBadgesV3,
    'https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld': openBadgesV3,
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json': openBadgesV3301,
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json': openBadgesV3302,
    [CONTEXT_URLS.openBadgesV3]: openBadgesV3303,
    [CONTEXT_URLS.openBadgesV3Extensions]: openBadgesV3Extensions,
    [CONTEXT_URLS.academicCreditV1]: academicCreditV1,
    [CONTEXT_URLS.anchoredCredentialsV1]: anchoredCredentialsV1,
    [CONTEXT_URLS.recognitionV1]: recognitionV1,
    [CONTEXT_URLS.clrV2]: clrV2,
    // What Data Integrity proofs and the DID documents of their keys name.
    'https://w3id.org/security/data-integrity/v1': dataIntegrityV1,
    'https://w3id.org/security/data-integrity/v2': dataIntegrityV2,
    'https://www.w3.org/ns/did/v1': didV1,
    'https://w3id.org/security/multikey/v1': multikeyV1,
    'https://w3id.org/security/suites/ed25519-2020/v1': ed25519Signature2020V1,
  }).map(([url, document]) => [url, deepFreeze(document)]),
);

/**
 * The pinned JSON-LD context document for a URL, or undefined for any URL not pinned here: verifiers
 * never fetch contexts, so a credential cannot point them at documents someone else controls.
 */
export function pinnedContext(url: string): object | undefined {
  return PINNED.get(url);
}

/** Our academic-credit extension context, version 1, to publish at CONTEXT_URLS.academicCreditV1. */
export const academicCreditContext = pinnedContext(CONTEXT_URLS.academicCreditV1)!;

/** Our own terms' context, version 1, to publish at CONTEXT_URLS.anchoredCredentialsV1. */
export const anchoredCredentialsContext = pinnedContext(CONTEXT_URLS.anchoredCredentialsV1)!;

/** Our recognition extension context, version 1, to publish at CONTEXT_URLS.recognitionV1. */
export const recognitionContext = pinnedContext(CONTEXT_URLS.recognitionV1)!;
