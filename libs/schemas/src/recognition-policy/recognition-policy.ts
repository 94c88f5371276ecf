/**
 * A recognition policy: what a receiving institution's programme recognises from learning done
 * elsewhere, as a credit bank alliance approves and publishes it. Every number a real credit bank
 * uses (caps, residency, recency, unit factors, grade tables) is a field here, never a default in
 * code. Credit frameworks and grade scales are named by the strings deposits carry (a framework IRI
 * such as ECTS's, a grading scheme's id); the policy says how they relate.
 */
export interface RecognitionPolicy {
  type: 'RecognitionPolicy';
  /** The receiving institution's DID: it signs the published policy and the recognitions made under it. */
  receivingInstitution: string;
  programme: { id: string; name: string; totalCredits: number };
  /** The framework the programme counts in: every cap and award is in it. */
  creditFramework: string;
  caps: RecognitionCaps;
  /** Credits that must be earned at the receiving institution: recognition stops at `totalCredits - residencyMinimum`. */
  residencyMinimum: number;
  /** Learning completed more than this many years before the evaluation date is not recognised; absent: no limit. */
  recencyYears?: number;
  /** How terms and years are cut, for the per-term and per-year caps (by completion date). */
  calendar: { yearStartMonth: number; termsPerYear: number };
  duplicatePolicy: DuplicatePolicy;
  gradePolicy: GradePolicy;
  /** How an n:1 rule combines its sources' grades. */
  aggregation: { grade: GradeAggregation };
  unitConversions: UnitConversion[];
  gradeScales: GradeScale[];
  gradeConversions: GradeConversionTable[];
  rules: EquivalenceRule[];
}

export interface RecognitionCaps {
  total?: number;
  /** At most this share (0 to 1) of the programme's total credits, e.g. 0.5. */
  shareOfProgramme?: number;
  perTerm?: number;
  perYear?: number;
  /** Per source institution (issuer DID). */
  perSourceInstitution?: number;
}

/**
 * Two deposits of the same achievement from the same issuer (a retake, or the same course in two
 * credentials) count once: the one with the best grade, the latest or the earliest completion.
 */
export type DuplicatePolicy = 'keep-best-grade' | 'keep-latest' | 'keep-earliest';
export const DUPLICATE_POLICIES: DuplicatePolicy[] = ['keep-best-grade', 'keep-latest', 'keep-earliest'];

export interface GradePolicy {
  /** The scale recognised grades are recorded on when a rule converts by table. */
  recordScale: string;
  /** A source without a grade: refused when a rule asks for a minimum grade, or recognised as a pass. */
  missingGrade: 'refuse' | 'pass';
}

export type GradeAggregation = 'credit-weighted-mean' | 'lowest' | 'highest';
export const GRADE_AGGREGATIONS: GradeAggregation[] = ['credit-weighted-mean', 'lowest', 'highest'];

/** Credits in `from` times `factor` are credits in `to`. Policy-scoped and one-way: no chaining, no inverse. */
export interface UnitConversion {
  from: string;
  to: string;
  factor: number;
}

/** A numeric scale (a percentage, a 1-5 mark) or an ordered list of values, lowest first, each with its points. */
export type GradeScale = NumericGradeScale | OrdinalGradeScale;

export interface NumericGradeScale {
  id: string;
  type: 'numeric';
  min: number;
  max: number;
  /** Whether a higher number is a better grade (German marks run the other way). */
  higherIsBetter: boolean;
}

export interface OrdinalGradeScale {
  id: string;
  type: 'ordinal';
  /** Lowest first; `points` (ascending) let n:1 rules average them. */
  values: { value: string; points: number }[];
}

/**
 * Converts a grade from one scale to another: exact `entries` from an ordinal scale, or `bands` from
 * a numeric one, listed best first: a grade takes the first band it is at least as good as
 * (`atLeast` 90 on a percentage; on a scale where lower is better, `atLeast` 1.5 takes 1.0 to 1.5).
 * A grade worse than every band has no conversion.
 */
export interface GradeConversionTable {
  id: string;
  fromScale: string;
  toScale: string;
  entries?: { from: string; to: string }[];
  bands?: { atLeast: number; to: string }[];
}

export type Cardinality = '1:1' | 'n:1' | '1:n';
export const CARDINALITIES: Cardinality[] = ['1:1', 'n:1', '1:n'];

/** What a source deposit must be for a rule to consider it. Every field given must match; absent fields match anything. */
export interface SourceMatcher {
  issuers?: string[];
  achievementIds?: string[];
  /** A glob on the achievement's code: `*` any run of characters, `?` one; case-sensitive, whole code. */
  codePattern?: string;
  kinds?: string[];
  eqfLevels?: number[];
  /** ISCED-F codes; a deposit's field matches a code it starts with ("06" matches "0613"). */
  fields?: string[];
  /** Each source must carry at least this many credits, converted into `framework` by the policy's conversions. */
  minimumCredits?: { value: number; framework: string };
  minimumGrade?: { scale: string; value: string };
}

/** A target achievement of the receiving programme, or a bucket of it (major, general, elective). */
export interface RecognitionTarget {
  achievementId?: string;
  bucket?: string;
  name: string;
  /** 1:n rules award each target its own fixed credits, which sum to the rule's. */
  credits?: number;
}

export type CreditAward = { mode: 'fixed'; credits: number } | { mode: 'as-source' } | { mode: 'ratio'; ratio: number };
export type GradeConversion = { mode: 'keep' } | { mode: 'table'; table: string } | { mode: 'pass-only' };

/**
 * An equivalence: 1:1 and 1:n rules have one source matcher, n:1 rules one per source (each filled
 * by a different deposit); 1:1 and n:1 have one target, 1:n two or more.
 */
export interface EquivalenceRule {
  code: string;
  cardinality: Cardinality;
  sources: SourceMatcher[];
  targets: RecognitionTarget[];
  credits: CreditAward;
  gradeConversion: GradeConversion;
}
