// Open Badges 3.0 extensions context (1EdTechJsonSchemaValidator2019, 1EdTechRevocationList, 1EdTechCredentialRefresh), pinned for https://purl.imsglobal.org/spec/ob/v3p0/extensions.json.
// Source: 1EdTech/digital-credentials-public-validator @ 38254719cf0a490a403c9c812b01e6ab0678f2f3,
// inspector-vc/src/main/resources/contexts/ob-v3p0-extensions.json (Apache-2.0; the context itself is published
// by 1EdTech), via /work/shared/vectors/contexts/.
// Copied unchanged as a TypeScript object (sha256 of the source file: 146f85aa16effd7ca1da8056eb443f53ce1eca8a34186cb062832c0a97d889c3).
export const openBadgesV3ExtensionsContext = {
  "@context": {
    "id": "@id",
    "type": "@type",
    "1EdTechJsonSchemaValidator2019": "https://purl.imsglobal.org/spec/vccs/v1p0/context.json#1EdTechJsonSchemaValidator2019",
    "1EdTechRevocationList": "https://purl.imsglobal.org/spec/vcrl/v1p0/context.json#1EdTechRevocationList",
    "1EdTechCredentialRefresh": "https://purl.imsglobal.org/spec/vccr/v1p0/context.json#1EdTechCredentialRefresh"
  }
};
