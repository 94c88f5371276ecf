/** The contexts a did:web document of ours needs: without multikey/v1, Data Integrity verifiers cannot read its keys. */
const DID_DOCUMENT_CONTEXTS = ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'];

/** One key the did:web document lists, current or retired. */
export interface WebKeyListing {
  publicKeyMultibase: string;
  retired: boolean;
}

/**
 * An institution's did:web, from the issuer's public URL: its host, its port as `%3A<port>`, its
 * path as colon-separated segments, then `institutions:<slug>`. Its document is served at the
 * matching `<public URL>/institutions/<slug>/did.json`.
 */
export function didWebOf(publicUrl: string, slug: string): string {
  const url = new URL(publicUrl);
  const port = url.port ? `%3A${url.port}` : '';
  const path = url.pathname.split('/').filter((segment) => segment !== '');
  return ['did:web', `${url.hostname}${port}`, ...path, 'institutions', slug].join(':');
}

/** A key's verification method id in the document: the DID and the key's own multibase, which never changes. */
export function webKeyId(didWeb: string, publicKeyMultibase: string): string {
  return `${didWeb}#${publicKeyMultibase}`;
}

/**
 * The did:web document: every key ever used, current ones first, as Multikey methods for
 * `assertionMethod` and `authentication` (a retired key stays, so that what it signed still
 * verifies), and the did:ethr it is also known as.
 */
export function didWebDocumentOf(didWeb: string, didEthr: string, keys: WebKeyListing[]): Record<string, unknown> {
  const ordered = [...keys.filter((key) => !key.retired), ...keys.filter((key) => key.retired)];
  const ids = ordered.map((key) => webKeyId(didWeb, key.publicKeyMultibase));
  return {
    '@context': DID_DOCUMENT_CONTEXTS,
    id: didWeb,
    alsoKnownAs: [didEthr],
    verificationMethod: ordered.map((key, i) => ({
      id: ids[i],
      type: 'Multikey',
      controller: didWeb,
      publicKeyMultibase: key.publicKeyMultibase,
    })),
    assertionMethod: ids,
    authentication: ids,
  };
}
