import { academicCreditContext } from './academic-credit.context.js';
import { CONTEXT_URLS } from './context-urls.js';
import { credentialsV1Context } from './credentials-v1.context.js';
import { credentialsV2Context } from './credentials-v2.context.js';
import { openBadgesV3Context301 } from './ob-v3p0-3.0.1.context.js';
import { openBadgesV3Context302 } from './ob-v3p0-3.0.2.context.js';
import { openBadgesV3Context303 } from './ob-v3p0-3.0.3.context.js';
import { openBadgesV3ExtensionsContext } from './ob-v3p0-extensions.context.js';
import { openBadgesV3Context } from './ob-v3p0.context.js';

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
    [CONTEXT_URLS.credentialsV1]: credentialsV1Context,
    'https://www.w3.org/ns/credentials/v2': credentialsV2Context,
    'https://purl.imsglobal.org/spec/ob/v3p0/context.json': openBadgesV3Context,
    'https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld': openBadgesV3Context,
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json': openBadgesV3Context301,
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json': openBadgesV3Context302,
    [CONTEXT_URLS.openBadgesV3]: openBadgesV3Context303,
    'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json': openBadgesV3ExtensionsContext,
    [CONTEXT_URLS.academicCreditV1]: academicCreditContext,
  }).map(([url, document]) => [url, deepFreeze(document)]),
);

/**
 * The pinned JSON-LD context document for a URL, or undefined for any URL not pinned here: verifiers
 * never fetch contexts, so a credential cannot point them at documents someone else controls.
 */
export function pinnedContext(url: string): object | undefined {
  return PINNED.get(url);
}
