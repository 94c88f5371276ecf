import { exampleRecognitionPolicy } from './example-recognition-policy.js';
import type { EquivalenceRule, RecognitionPolicy } from './recognition-policy.js';
import { validateRecognitionPolicy } from './recognition-policy.schema.js';

const paths = (document: unknown) => validateRecognitionPolicy(document).map((violation) => violation.path);
const withRule = (change: (rule: EquivalenceRule) => void, index = 0): RecognitionPolicy => {
  const policy = exampleRecognitionPolicy();
  change(policy.rules[index]);
  return policy;
};

describe('validateRecognitionPolicy', () => {
  it('accepts the example policy, which uses every kind of rule', () => {
    expect(validateRecognitionPolicy(exampleRecognitionPolicy())).toEqual([]);
  });

  it('lists what the JSON Schema refuses, with where', () => {
    const { caps: _caps, ...withoutCaps } = exampleRecognitionPolicy();
    expect(validateRecognitionPolicy(withoutCaps)).toEqual([{ path: '/caps', message: 'is required' }]);
    expect(paths({ ...exampleRecognitionPolicy(), receivingInstitution: 'university' })).toEqual(['/receivingInstitution']);
    expect(paths({ ...exampleRecognitionPolicy(), caps: { shareOfProgramme: 1.5 } })).toEqual(['/caps/shareOfProgramme']);
    expect(paths({ ...exampleRecognitionPolicy(), surprise: true })).toEqual(['/surprise']);
    expect(paths({ ...exampleRecognitionPolicy(), rules: [] })).toEqual(['/rules']);
    expect(paths(withRule((rule) => Object.assign(rule, { cardinality: '2:2' })))).toEqual(['/rules/0/cardinality']);
    expect(paths(withRule((rule) => Object.assign(rule.sources[0], { eqfLevels: [9] })))).toEqual(['/rules/0/sources/0/eqfLevels/0']);
    expect(paths(withRule((rule) => Object.assign(rule, { credits: { mode: 'fixed' } })))).toContain('/rules/0/credits/credits');
    expect(paths('not a policy')).toEqual(['/']);
  });

  it('refuses a rule whose sources and targets do not fit its cardinality', () => {
    expect(paths(withRule((rule) => rule.sources.push({ kinds: ['course'] })))).toEqual(['/rules/0/sources']);
    expect(paths(withRule((rule) => rule.sources.pop(), 1))).toEqual(['/rules/1/sources']);
    expect(paths(withRule((rule) => rule.targets.pop(), 2))).toEqual(['/rules/2/targets', '/rules/2/credits/credits']);
    expect(paths(withRule((rule) => rule.targets.push({ bucket: 'major', name: 'Major' })))).toEqual(['/rules/0/targets']);
    expect(paths(withRule((rule) => Object.assign(rule.targets[0], { bucket: 'major' })))).toEqual(['/rules/0/targets/0']);
  });

  it('holds 1:n rules to fixed credits split between their targets', () => {
    expect(paths(withRule((rule) => delete rule.targets[1].credits, 2))).toEqual([
      '/rules/2/targets/1/credits',
      '/rules/2/credits/credits',
    ]);
    expect(paths(withRule((rule) => (rule.credits = { mode: 'as-source' }), 2))).toEqual(['/rules/2/credits/mode']);
    expect(paths(withRule((rule) => (rule.credits = { mode: 'fixed', credits: 9 }), 2))).toEqual(['/rules/2/credits/credits']);
    expect(paths(withRule((rule) => (rule.targets[0].credits = 3)))).toEqual(['/rules/0/targets/0/credits']);
  });

  it('refuses references to scales and tables the policy does not define, and grades off their scale', () => {
    expect(paths(withRule((rule) => (rule.gradeConversion = { mode: 'table', table: 'nowhere' })))).toEqual([
      '/rules/0/gradeConversion/table',
    ]);
    expect(paths(withRule((rule) => (rule.sources[0].minimumGrade = { scale: 'percent', value: '101' })))).toEqual([
      '/rules/0/sources/0/minimumGrade/value',
    ]);
    expect(paths(withRule((rule) => (rule.sources[0].minimumGrade = { scale: 'ects-grade', value: 'A+' })))).toEqual([
      '/rules/0/sources/0/minimumGrade/value',
    ]);
    expect(paths(withRule((rule) => (rule.sources[0].minimumGrade = { scale: 'gpa', value: '3' })))).toEqual([
      '/rules/0/sources/0/minimumGrade/value',
    ]);
    const policy = exampleRecognitionPolicy();
    policy.gradePolicy.recordScale = 'gpa';
    policy.gradeConversions[1].entries?.push({ from: 'E', to: 'A' });
    expect(paths(policy)).toEqual(['/gradePolicy/recordScale', '/gradeConversions/1/entries/4/from']);
  });

  it('holds grade tables to their scales: entries from ordinal scales, bands from numeric ones, best first', () => {
    const policy = exampleRecognitionPolicy();
    const [bands, entries] = policy.gradeConversions;
    bands.bands?.reverse();
    entries.bands = [{ atLeast: 1, to: 'A' }];
    expect(paths(policy)).toEqual([
      '/gradeConversions/0/bands/1/atLeast',
      '/gradeConversions/0/bands/2/atLeast',
      '/gradeConversions/0/bands/3/atLeast',
      '/gradeConversions/0/bands/4/atLeast',
      '/gradeConversions/1',
      '/gradeConversions/1/bands',
    ]);
  });

  it('reads bands best first on a scale where lower is better', () => {
    const policy = exampleRecognitionPolicy();
    policy.gradeScales.push({ id: 'german', type: 'numeric', min: 1, max: 5, higherIsBetter: false });
    policy.gradeConversions.push({
      id: 'german-to-ects',
      fromScale: 'german',
      toScale: 'ects-grade',
      bands: [
        { atLeast: 1.5, to: 'A' },
        { atLeast: 2.5, to: 'B' },
      ],
    });
    expect(validateRecognitionPolicy(policy)).toEqual([]);
    policy.gradeConversions[2].bands?.reverse();
    expect(paths(policy)).toEqual(['/gradeConversions/2/bands/1/atLeast']);
  });

  it('refuses repeats, an impossible residency, unordered scales and costly code patterns', () => {
    const policy = exampleRecognitionPolicy();
    policy.rules[1].code = policy.rules[0].code;
    policy.unitConversions.push({ ...policy.unitConversions[0], factor: 3 }, { from: 'x', to: 'x', factor: 1 });
    policy.gradeScales.push({ id: 'percent', type: 'numeric', min: 10, max: 0, higherIsBetter: true });
    policy.gradeScales.push({
      id: 'unordered',
      type: 'ordinal',
      values: [
        { value: 'B', points: 2 },
        { value: 'A', points: 1 },
        { value: 'A', points: 3 },
      ],
    });
    policy.residencyMinimum = 180;
    policy.rules[3].sources[0].codePattern = '*a*b*c*d';
    expect(paths(policy)).toEqual([
      '/gradeScales/3/id',
      '/gradeScales/3/max',
      '/gradeScales/4/values',
      '/gradeScales/4/values',
      '/residencyMinimum',
      '/unitConversions/1',
      '/unitConversions/2/to',
      '/rules/1/code',
      '/rules/3/sources/0/codePattern',
    ]);
  });
});
