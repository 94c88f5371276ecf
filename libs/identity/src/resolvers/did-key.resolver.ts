import { getDidKeyResolver } from '@veramo/did-provider-key';
import type { DIDResolver } from 'did-resolver';

const veramoDidKey = getDidKeyResolver().key;

/**
 * did:key (Ed25519 `z6Mk…`, P-256 `zDn…`, secp256k1 `zQ3s…`), computed from the identifier alone.
 * Its keys are `Multikey`s under the multikey/v1 context, the form the Data Integrity cryptosuites
 * read, and `publicKeyMultibase` serves JOSE verification as well.
 */
export const resolveDidKey: DIDResolver = (did, parsed, resolver, options) =>
  veramoDidKey(did, parsed, resolver, { ...options, accept: 'application/did+ld+json', publicKeyFormat: 'Multikey' });
