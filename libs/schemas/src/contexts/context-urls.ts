/** The JSON-LD contexts our credentials name, in the order they appear in `@context`. */
export const CONTEXT_URLS = {
  credentialsV1: 'https://www.w3.org/2018/credentials/v1',
  credentialsV2: 'https://www.w3.org/ns/credentials/v2',
  openBadgesV3: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  /** Defines `1EdTechJsonSchemaValidator2019`, the type of our `credentialSchema` entries. */
  openBadgesV3Extensions: 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
  /** CLR 2.0: a transcript lists it after the VCDM 2.0 context and before Open Badges. */
  clrV2: 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
  academicCreditV1: 'https://w3id.org/lifelong-learning/contexts/academic-credit-v1.jsonld',
  /** Defines our own terms: the type of the refresh service that re-delivers a credential with its anchor receipt. */
  anchoredCredentialsV1: 'https://w3id.org/lifelong-learning/contexts/anchored-credentials-v1.jsonld',
  /** Defines the `recognition` a credit bank's recognition credential carries. */
  recognitionV1: 'https://w3id.org/lifelong-learning/contexts/recognition-v1.jsonld',
} as const;
