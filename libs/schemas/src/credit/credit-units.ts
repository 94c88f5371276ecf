export type CreditUnit = 'ECTS' | 'US_SEMESTER_CREDIT_HOUR' | 'US_QUARTER_CREDIT_HOUR';

/**
 * Credit systems by the framework IRI that a European Learning Model CreditPoint names. ECTS is the
 * EU's own concept (the Europass education-credit vocabulary); US credit hours have no published IRI,
 * so they get ours under https://w3id.org/lifelong-learning/credit-frameworks/ (one semester credit
 * hour is about 15 contact hours over a semester; a quarter credit hour is two thirds of one).
 */
export const CREDIT_UNITS: Record<CreditUnit, { framework: string; label: string }> = {
  ECTS: { framework: 'http://data.europa.eu/snb/education-credit/6fcec5c5af', label: 'ECTS credits' },
  US_SEMESTER_CREDIT_HOUR: {
    framework: 'https://w3id.org/lifelong-learning/credit-frameworks/us-semester-credit-hour',
    label: 'semester credit hours',
  },
  US_QUARTER_CREDIT_HOUR: {
    framework: 'https://w3id.org/lifelong-learning/credit-frameworks/us-quarter-credit-hour',
    label: 'quarter credit hours',
  },
};

export const CREDIT_FRAMEWORKS = Object.values(CREDIT_UNITS).map((unit) => unit.framework);
