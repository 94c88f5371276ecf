import {
  expectViolations,
  FIXTURE_BUILD_CONTEXT,
  FIXTURE_BUILD_OPTIONS_V2,
  fixtureNames,
  type NotOkCase,
  okFacts,
  readFixture,
} from '../../test/fixtures.js';
import { buildCredential } from '../build-credential.js';
import { type ProofExpectation, validateVcdmCredential } from './validate-vcdm-credential.js';
import { validateVcdmPresentation } from './validate-vcdm-presentation.js';

/** A copied suite input, how it is checked (as a credential or a presentation, with what proof) and, for a not-ok one, why and what must be reported. */
interface VcdmCase extends Partial<NotOkCase> {
  as: 'credential' | 'presentation';
  proof: ProofExpectation;
  body: unknown;
}

const validate = ({ as, proof, body }: VcdmCase) =>
  (as === 'presentation' ? validateVcdmPresentation : validateVcdmCredential)(body, { proof });

describe('the W3C data model test suites, VCDM 2.0 and 1.1', () => {
  it.each(fixtureNames('vcdm/ok'))('accepts vcdm/ok/%s', (name) => {
    expect(validate(readFixture<VcdmCase>('vcdm/ok', name))).toEqual([]);
  });

  it.each(fixtureNames('vcdm/not-ok'))('refuses vcdm/not-ok/%s for its own reason', (name) => {
    const vcdmCase = readFixture<VcdmCase & NotOkCase>('vcdm/not-ok', name);
    expectViolations(validate(vcdmCase), vcdmCase.violations, vcdmCase.only);
  });
});

type Credential = Record<string, any>;
const plain = (): Credential => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: 'urn:uuid:0b0a6f3c-3a27-4d5e-9d1a-6f2d7c1e9b11',
  type: ['VerifiableCredential'],
  issuer: 'did:web:issuer.example',
  credentialSubject: { id: 'did:example:1' },
});

describe('validateVcdmCredential', () => {
  it.each(fixtureNames('ok/facts'))('accepts our credential built from ok/facts/%s, VCDM 2.0 and 1.1, to be signed', (name) => {
    expect(
      validateVcdmCredential(buildCredential(okFacts(name), FIXTURE_BUILD_CONTEXT, FIXTURE_BUILD_OPTIONS_V2), { proof: 'forbidden' }),
    ).toEqual([]);
    expect(validateVcdmCredential(buildCredential(okFacts(name), FIXTURE_BUILD_CONTEXT), { proof: 'forbidden' })).toEqual([]);
  });

  it.each(fixtureNames('ok/open-badges'))("accepts 1EdTech's Open Badges example ok/open-badges/%s", (name) => {
    expect(validateVcdmCredential(readFixture('ok/open-badges', name))).toEqual([]);
  });

  it.each(fixtureNames('ok/clr'))("accepts 1EdTech's transcript example ok/clr/%s", (name) => {
    expect(validateVcdmCredential(readFixture('ok/clr', name))).toEqual([]);
  });

  it('refuses a proof in what is sent to be signed, and wants one where an embedded proof is required', () => {
    const signed = { ...plain(), proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' } };
    expect(validateVcdmCredential(signed, { proof: 'forbidden' })).toEqual([
      { path: '/proof', message: expect.stringContaining('is not allowed') },
    ]);
    expect(validateVcdmCredential(signed, { proof: 'required' })).toEqual([]);
    expect(validateVcdmCredential(plain(), { proof: 'required' })).toEqual([{ path: '/proof', message: 'is required' }]);
    expect(validateVcdmCredential(plain())).toEqual([]);
  });

  it('lets a credential be valid for one instant, validUntil equal to validFrom', () => {
    expect(validateVcdmCredential({ ...plain(), validFrom: '2026-07-01T12:00:00Z', validUntil: '2026-07-01T14:00:00+02:00' })).toEqual([]);
  });

  describe('related resources (the suite writes these cases inline)', () => {
    const resource = {
      id: 'https://example.org/resource.json',
      digestSRI: 'sha384-abc',
      digestMultibase: 'uEiB',
      mediaType: 'application/json',
    };

    it('accepts one with a digestSRI, one with a digestMultibase, and a list with a media type', () => {
      expect(validateVcdmCredential({ ...plain(), relatedResource: { id: resource.id, digestSRI: resource.digestSRI } })).toEqual([]);
      expect(
        validateVcdmCredential({ ...plain(), relatedResource: { id: resource.id, digestMultibase: resource.digestMultibase } }),
      ).toEqual([]);
      expect(
        validateVcdmCredential({
          ...plain(),
          relatedResource: [{ id: resource.id, mediaType: resource.mediaType, digestSRI: resource.digestSRI }],
        }),
      ).toEqual([]);
    });

    it('refuses a list of strings, a resource without an id or without a digest, and the same id twice', () => {
      expect(validateVcdmCredential({ ...plain(), relatedResource: [resource.id] })).toEqual([
        { path: '/relatedResource/0', message: 'must be object' },
      ]);
      expect(validateVcdmCredential({ ...plain(), relatedResource: [{ digestMultibase: resource.digestMultibase }] })).toEqual([
        { path: '/relatedResource/0/id', message: 'is required' },
      ]);
      expect(validateVcdmCredential({ ...plain(), relatedResource: [{ id: resource.id }] })).toEqual([
        { path: '/relatedResource/0/digestSRI', message: 'is required' },
        { path: '/relatedResource/0/digestMultibase', message: 'is required' },
      ]);
      const twice = [
        { id: resource.id, digestSRI: resource.digestSRI },
        { id: resource.id, digestMultibase: resource.digestMultibase },
      ];
      expect(validateVcdmCredential({ ...plain(), relatedResource: twice })).toEqual([
        { path: '/relatedResource/1/id', message: 'must be unique among the related resources' },
      ]);
    });
  });

  it('refuses what is no credential of either data model', () => {
    expect(validateVcdmCredential('eyJhbGciOiJFUzI1NiJ9')).toEqual([{ path: '/', message: 'must be object' }]);
    expect(validateVcdmCredential({ ...plain(), '@context': ['https://www.w3.org/ns/credentials/examples/v2'] })).toEqual([
      { path: '/@context/0', message: expect.stringContaining('must be https://www.w3.org/ns/credentials/v2') },
    ]);
  });

  it('judges a type undefined only when it can see every context: a context not pinned here may define it', () => {
    const unknownType = { ...plain(), type: ['VerifiableCredential', 'ExampleDegreeCredential'] };
    expect(validateVcdmCredential(unknownType)).toEqual([{ path: '/type/1', message: 'is not defined by any @context' }]);
    expect(
      validateVcdmCredential({ ...unknownType, '@context': [...plain()['@context'], 'https://vocab.example/contexts/not-pinned/v1'] }),
    ).toEqual([]);
    expect(
      validateVcdmCredential({ ...unknownType, '@context': [...plain()['@context'], { '@vocab': 'https://example.org/vocab#' }] }),
    ).toEqual([]);
  });

  it('refuses a protected term defined again differently, and accepts it defined the same way, as JSON-LD does', () => {
    const same = {
      ...plain(),
      '@context': [
        ...plain()['@context'],
        { VerifiableCredential: { '@id': 'https://www.w3.org/2018/credentials#VerifiableCredential', '@context': {} } },
      ],
    };
    expect(validateVcdmCredential(same)).toEqual([
      { path: '/@context/1/VerifiableCredential', message: 'redefines the protected term "VerifiableCredential"' },
    ]);
    const v2 = (plain()['@context'] as string[])[0];
    expect(validateVcdmCredential({ ...plain(), '@context': [v2, { id: '@id' }] })).toEqual([]);
  });
});

describe('validateVcdmPresentation', () => {
  it('checks each credential it carries as a credential of its own version, under its place', () => {
    const ours = buildCredential(okFacts('course'), FIXTURE_BUILD_CONTEXT, FIXTURE_BUILD_OPTIONS_V2);
    const presentation = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      holder: 'did:example:1',
    };
    expect(validateVcdmPresentation({ ...presentation, verifiableCredential: [ours] })).toEqual([]);
    const { validFrom: _validFrom, ...badlyDated } = ours;
    expect(validateVcdmPresentation({ ...presentation, verifiableCredential: [ours, { ...badlyDated, validFrom: '2026-07-01' }] })).toEqual(
      [{ path: '/verifiableCredential/1/validFrom', message: expect.stringContaining('dateTimeStamp') }],
    );
  });

  it('lets a VCDM 1.1 presentation carry VC-JWTs, and only compact JWS strings', () => {
    const presentation = { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiablePresentation'] };
    expect(validateVcdmPresentation({ ...presentation, verifiableCredential: ['eyJhbGciOiJFUzI1NksifQ.eyJ2YyI6e319.c2ln'] })).toEqual([]);
    expect(validateVcdmPresentation({ ...presentation, verifiableCredential: ['https://example.org/credential'] })).toEqual([
      { path: '/verifiableCredential/0', message: expect.stringContaining('must match pattern') },
    ]);
  });
});
