import { exampleRecognitionPolicy } from '#schemas';
import { NOTHING_RECOGNISED } from '../rules/recognition-input.js';
import { capsLeft } from './caps-left.js';

describe('capsLeft', () => {
  it('is what each cap of the policy leaves after what is recognised, never below zero', () => {
    const policy = exampleRecognitionPolicy();
    expect(capsLeft(policy, NOTHING_RECOGNISED)).toEqual({
      overall: 90,
      total: 90,
      shareOfProgramme: 90,
      residency: 120,
      perYear: {},
      perTerm: {},
      perSourceInstitution: {},
    });
    const left = capsLeft(policy, {
      ...NOTHING_RECOGNISED,
      total: 50.5,
      byYear: { '2024': 45 },
      byTerm: { '2024-T1': 20.25 },
      bySource: { 'did:web:college.example': 41 },
    });
    expect(left).toEqual({
      overall: 39.5,
      total: 39.5,
      shareOfProgramme: 39.5,
      residency: 69.5,
      perYear: { '2024': 0 },
      perTerm: { '2024-T1': 9.75 },
      perSourceInstitution: { 'did:web:college.example': 0 },
    });
  });
});
