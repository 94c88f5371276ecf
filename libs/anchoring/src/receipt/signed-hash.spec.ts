import { keccak256, toUtf8Bytes } from 'ethers';
import { dataIntegrityCredential } from '../../../../test/factories/data-integrity-credential.js';
import { leafAlgorithmOf, signedHashOf } from './signed-hash.js';

const JWT = 'eyJhbGciOiJFUzI1NksifQ.eyJ2YyI6e319.c2lnbmF0dXJl';
const SD_JWT = `${JWT}~WyJzYWx0IiwgIm5hbWUiLCAiQWRhIl0~`;

const document = dataIntegrityCredential();

describe('signedHashOf', () => {
  it('hashes the exact bytes of the JWT formats as UTF-8, disclosures and all', () => {
    for (const [format, bytes] of [
      ['vc-jwt', JWT],
      ['vc+jwt', JWT],
      ['dc+sd-jwt', SD_JWT],
    ] as const) {
      expect(leafAlgorithmOf(format)).toBe('keccak256-utf8');
      expect(signedHashOf({ format, bytes })).toBe(keccak256(toUtf8Bytes(bytes)));
    }
    expect(signedHashOf({ format: 'dc+sd-jwt', bytes: SD_JWT })).not.toBe(signedHashOf({ format: 'dc+sd-jwt', bytes: `${JWT}~` }));
  });

  it('hashes an ldp_vc document, proof included, by its RFC 8785 serialization, however it is spelled', () => {
    expect(leafAlgorithmOf('ldp_vc')).toBe('keccak256-jcs');
    const compact = JSON.stringify(document);
    const { proof, ...rest } = document;
    const respelled = JSON.stringify({ proof, ...rest }, null, 2);
    expect(signedHashOf({ format: 'ldp_vc', bytes: respelled })).toBe(signedHashOf({ format: 'ldp_vc', bytes: compact }));
    expect(signedHashOf({ format: 'ldp_vc', bytes: compact })).toBe(
      keccak256(
        toUtf8Bytes(
          '{"@context":["https://www.w3.org/ns/credentials/v2"],"credentialSubject":{"credits":7.5,"id":"did:example:learner","name":"Ada € Lovelace"},"issuer":"did:web:issuer.example",' +
            '"proof":{"cryptosuite":"eddsa-rdfc-2022","proofPurpose":"assertionMethod","proofValue":"z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk","type":"DataIntegrityProof"},"type":["VerifiableCredential"]}',
        ),
      ),
    );
    const otherProof = JSON.stringify({ ...document, proof: { ...proof, proofValue: 'z3FXR' } });
    expect(signedHashOf({ format: 'ldp_vc', bytes: otherProof })).not.toBe(signedHashOf({ format: 'ldp_vc', bytes: compact }));
  });

  it('serializes as RFC 8785 does (its example of section 3.2.2)', () => {
    const input =
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}';
    const canonical =
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}';
    expect(signedHashOf({ format: 'ldp_vc', bytes: input })).toBe(keccak256(toUtf8Bytes(canonical)));
  });

  it('refuses ldp_vc bytes that are not a JSON object', () => {
    expect(() => signedHashOf({ format: 'ldp_vc', bytes: JWT })).toThrow('must be a JSON document');
    expect(() => signedHashOf({ format: 'ldp_vc', bytes: '[1]' })).toThrow('must be a JSON object');
  });
});
