import { buildCredential, CREDENTIAL_KINDS, issuerObject, messageStatusListEntry, statusListEntry, validateCredential } from '#schemas';
import { EXAMPLE_FACTS } from '../../../../scripts/example-facts.js';
import { holderBoundCredential } from './holder-bound-credential.js';

const issuer = { id: 'did:web:issuer.example:institutions:example', name: 'Example University', url: 'https://example.edu' };
const holder = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const slotAt = (index: number) => ({
  twoLists: (['revocation', 'suspension'] as const).map((purpose) =>
    statusListEntry(`https://issuer.example/lists/${purpose}`, purpose, index),
  ),
  message: messageStatusListEntry('https://issuer.example/lists/message', index),
});
const packageUrl = 'https://issuer.example/v1/anchors/credentials/urn%3Auuid%3Anew/package';
const ctx = (id: string) => ({ id, issuer, issuanceDate: '2026-01-01T00:00:00Z', packageUrl, salt: 'a'.repeat(32) });

describe.each(CREDENTIAL_KINDS)('a %s credential bound to a wallet holder', (kind) => {
  const facts = EXAMPLE_FACTS[kind];
  const originalV2 = buildCredential(facts, ctx('urn:uuid:original'), { dataModel: '2.0', credentialStatus: slotAt(1).message });
  const binding = { id: 'urn:uuid:new', holder, issuer: issuerObject(issuer), issuedAt: '2026-01-01T00:00:00Z', packageUrl };

  it.each(['1.1', '2.0'] as const)(
    'is what the facts would build in VCDM %s, with the holder as subject and the hashed learner kept',
    (dataModel) => {
      const bound = holderBoundCredential(originalV2, { ...binding, dataModel }, slotAt(7));
      const built =
        dataModel === '2.0'
          ? buildCredential(facts, ctx('urn:uuid:new'), { dataModel: '2.0', credentialStatus: slotAt(7).message })
          : { ...buildCredential(facts, ctx('urn:uuid:new')), credentialStatus: slotAt(7).twoLists };
      const builtSubject = built.credentialSubject as Record<string, unknown>;
      expect(bound).toEqual({ ...built, credentialSubject: { ...builtSubject, id: holder } });
      expect(validateCredential(kind, bound)).toEqual([]);
    },
  );

  it('reads a VCDM 1.1 original as well (a VC-JWT decoded)', () => {
    const originalV1 = { ...buildCredential(facts, ctx('urn:uuid:original')), credentialStatus: slotAt(1).twoLists };
    expect(holderBoundCredential(originalV1, { ...binding, dataModel: '2.0' }, slotAt(7))).toEqual(
      holderBoundCredential(originalV2, { ...binding, dataModel: '2.0' }, slotAt(7)),
    );
  });
});
