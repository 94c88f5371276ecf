import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { applyPatch, FIXTURE_BUILD_CONTEXT, okFacts } from '../../test/fixtures.js';
import { buildCredential } from '../build-credential.js';
import { academicCreditSchema } from './academic-credit.schema.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

describe('the published academic-credit schema', () => {
  // As a verifier elsewhere would use it: a plain draft-07 validator, the schema as served (JSON).
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(JSON.stringify(academicCreditSchema)));

  it('accepts our credit credentials on its own', () => {
    for (const name of ['credit', 'credit-us-semester', 'credit-us-quarter']) {
      expect(validate(buildCredential(okFacts(name), FIXTURE_BUILD_CONTEXT))).toBe(true);
    }
  });

  it('refuses a credit whose credits received have no unit', () => {
    const credential = applyPatch(buildCredential(okFacts('credit'), FIXTURE_BUILD_CONTEXT), [
      { op: 'remove', path: '/credentialSubject/result/0/creditReceived/framework' },
    ]);
    expect(validate(credential)).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({ instancePath: '/credentialSubject/result/0/creditReceived', params: { missingProperty: 'framework' } }),
    );
  });

  it('refuses a course credential, which has no credits', () => {
    expect(validate(buildCredential(okFacts('course'), FIXTURE_BUILD_CONTEXT))).toBe(false);
  });
});
