import { compileSchema, type SchemaViolation, violationsOf } from '../common/ajv.js';
import {
  CARDINALITIES,
  DUPLICATE_POLICIES,
  GRADE_AGGREGATIONS,
  type EquivalenceRule,
  type GradeScale,
  type NumericGradeScale,
  type RecognitionPolicy,
  type SourceMatcher,
} from './recognition-policy.js';

const id = { type: 'string', minLength: 1, maxLength: 500, readableText: true } as const;
const ids = { type: 'array', minItems: 1, maxItems: 1000, uniqueItems: true, items: id } as const;
const name = { type: 'string', minLength: 1, maxLength: 500, readableText: true } as const;
const credits = { type: 'number', minimum: 0, maximum: 100_000 } as const;
const positive = { type: 'number', exclusiveMinimum: 0, maximum: 100_000 } as const;
const grade = {
  type: 'object',
  properties: { scale: id, value: { type: 'string', minLength: 1, maxLength: 100 } },
  required: ['scale', 'value'],
  additionalProperties: false,
} as const;

const sourceMatcher = {
  type: 'object',
  properties: {
    issuers: { ...ids, items: { type: 'string', format: 'resolvable-did', maxLength: 500 } },
    achievementIds: ids,
    codePattern: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[^\\s]+$' },
    kinds: ids,
    eqfLevels: { type: 'array', minItems: 1, maxItems: 8, uniqueItems: true, items: { type: 'integer', minimum: 1, maximum: 8 } },
    fields: { ...ids, items: { type: 'string', pattern: '^[0-9]{2,4}$' } },
    minimumCredits: {
      type: 'object',
      properties: { value: credits, framework: id },
      required: ['value', 'framework'],
      additionalProperties: false,
    },
    minimumGrade: grade,
  },
  additionalProperties: false,
} as const;

const rule = {
  type: 'object',
  properties: {
    code: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' },
    cardinality: { enum: CARDINALITIES },
    sources: { type: 'array', minItems: 1, maxItems: 20, items: sourceMatcher },
    targets: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        properties: { achievementId: id, bucket: id, name, credits: positive },
        required: ['name'],
        additionalProperties: false,
      },
    },
    credits: {
      oneOf: [
        {
          type: 'object',
          properties: { mode: { const: 'fixed' }, credits: positive },
          required: ['mode', 'credits'],
          additionalProperties: false,
        },
        { type: 'object', properties: { mode: { const: 'as-source' } }, required: ['mode'], additionalProperties: false },
        {
          type: 'object',
          properties: { mode: { const: 'ratio' }, ratio: { type: 'number', exclusiveMinimum: 0, maximum: 100 } },
          required: ['mode', 'ratio'],
          additionalProperties: false,
        },
      ],
    },
    gradeConversion: {
      oneOf: [
        { type: 'object', properties: { mode: { const: 'keep' } }, required: ['mode'], additionalProperties: false },
        { type: 'object', properties: { mode: { const: 'table' }, table: id }, required: ['mode', 'table'], additionalProperties: false },
        { type: 'object', properties: { mode: { const: 'pass-only' } }, required: ['mode'], additionalProperties: false },
      ],
    },
  },
  required: ['code', 'cardinality', 'sources', 'targets', 'credits', 'gradeConversion'],
  additionalProperties: false,
} as const;

/** The JSON Schema of a recognition policy document; the rules between its parts are checked after it. */
export const RECOGNITION_POLICY_SCHEMA = {
  type: 'object',
  properties: {
    type: { const: 'RecognitionPolicy' },
    receivingInstitution: { type: 'string', format: 'resolvable-did', maxLength: 500 },
    programme: {
      type: 'object',
      properties: { id, name, totalCredits: positive },
      required: ['id', 'name', 'totalCredits'],
      additionalProperties: false,
    },
    creditFramework: id,
    caps: {
      type: 'object',
      properties: {
        total: credits,
        shareOfProgramme: { type: 'number', minimum: 0, maximum: 1 },
        perTerm: credits,
        perYear: credits,
        perSourceInstitution: credits,
      },
      additionalProperties: false,
    },
    residencyMinimum: credits,
    recencyYears: { type: 'integer', minimum: 1, maximum: 100 },
    calendar: {
      type: 'object',
      properties: {
        yearStartMonth: { type: 'integer', minimum: 1, maximum: 12 },
        termsPerYear: { enum: [1, 2, 3, 4, 6, 12] },
      },
      required: ['yearStartMonth', 'termsPerYear'],
      additionalProperties: false,
    },
    duplicatePolicy: { enum: DUPLICATE_POLICIES },
    gradePolicy: {
      type: 'object',
      properties: { recordScale: id, missingGrade: { enum: ['refuse', 'pass'] } },
      required: ['recordScale', 'missingGrade'],
      additionalProperties: false,
    },
    aggregation: {
      type: 'object',
      properties: { grade: { enum: GRADE_AGGREGATIONS } },
      required: ['grade'],
      additionalProperties: false,
    },
    unitConversions: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        properties: { from: id, to: id, factor: { type: 'number', exclusiveMinimum: 0, maximum: 1000 } },
        required: ['from', 'to', 'factor'],
        additionalProperties: false,
      },
    },
    gradeScales: {
      type: 'array',
      maxItems: 100,
      items: {
        oneOf: [
          {
            type: 'object',
            properties: {
              id,
              type: { const: 'numeric' },
              min: { type: 'number' },
              max: { type: 'number' },
              higherIsBetter: { type: 'boolean' },
            },
            required: ['id', 'type', 'min', 'max', 'higherIsBetter'],
            additionalProperties: false,
          },
          {
            type: 'object',
            properties: {
              id,
              type: { const: 'ordinal' },
              values: {
                type: 'array',
                minItems: 1,
                maxItems: 100,
                items: {
                  type: 'object',
                  properties: { value: { type: 'string', minLength: 1, maxLength: 100 }, points: { type: 'number' } },
                  required: ['value', 'points'],
                  additionalProperties: false,
                },
              },
            },
            required: ['id', 'type', 'values'],
            additionalProperties: false,
          },
        ],
      },
    },
    gradeConversions: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        properties: {
          id,
          fromScale: id,
          toScale: id,
          entries: {
            type: 'array',
            minItems: 1,
            maxItems: 100,
            items: {
              type: 'object',
              properties: { from: { type: 'string', minLength: 1, maxLength: 100 }, to: { type: 'string', minLength: 1, maxLength: 100 } },
              required: ['from', 'to'],
              additionalProperties: false,
            },
          },
          bands: {
            type: 'array',
            minItems: 1,
            maxItems: 100,
            items: {
              type: 'object',
              properties: { atLeast: { type: 'number' }, to: { type: 'string', minLength: 1, maxLength: 100 } },
              required: ['atLeast', 'to'],
              additionalProperties: false,
            },
          },
        },
        required: ['id', 'fromScale', 'toScale'],
        additionalProperties: false,
      },
    },
    rules: { type: 'array', minItems: 1, maxItems: 5000, items: rule },
  },
  required: [
    'type',
    'receivingInstitution',
    'programme',
    'creditFramework',
    'caps',
    'residencyMinimum',
    'calendar',
    'duplicatePolicy',
    'gradePolicy',
    'aggregation',
    'unitConversions',
    'gradeScales',
    'gradeConversions',
    'rules',
  ],
  additionalProperties: false,
} as const;

const validate = compileSchema(RECOGNITION_POLICY_SCHEMA);

/**
 * Checks a proposed policy: its JSON Schema first, then what a schema cannot say (a rule names a
 * grade table that exists, a grade is a value of its scale, a rule's cardinality fits its sources and
 * targets, credits in other frameworks can be converted). [] means the policy is sound.
 */
export function validateRecognitionPolicy(document: unknown): SchemaViolation[] {
  const violations = violationsOf(validate, document);
  return violations.length > 0 ? violations : consistencyViolations(document as RecognitionPolicy);
}

function consistencyViolations(policy: RecognitionPolicy): SchemaViolation[] {
  const violations: SchemaViolation[] = [];
  const report = (path: string, message: string) => violations.push({ path, message });
  const scales = new Map<string, GradeScale>();
  policy.gradeScales.forEach((scale, i) => {
    if (scales.has(scale.id)) report(`/gradeScales/${i}/id`, `repeats the scale ${scale.id}`);
    else scales.set(scale.id, scale);
    if (scale.type === 'numeric' && scale.min >= scale.max) report(`/gradeScales/${i}/max`, 'must be above min');
    if (scale.type === 'ordinal') {
      const values = scale.values.map((v) => v.value);
      if (new Set(values).size !== values.length) report(`/gradeScales/${i}/values`, 'must not repeat a value');
      if (scale.values.some((v, j) => j > 0 && v.points <= scale.values[j - 1].points))
        report(`/gradeScales/${i}/values`, 'must be listed lowest first, with points rising');
    }
  });
  const gradeProblem = (scaleId: string, value: string): string | undefined => {
    const scale = scales.get(scaleId);
    if (!scale) return `names the scale ${scaleId}, which the policy does not define`;
    if (scale.type === 'ordinal') return scale.values.some((v) => v.value === value) ? undefined : `is not a value of the scale ${scaleId}`;
    return numericGrade(scale, value) === undefined
      ? `must be a number from ${scale.min} to ${scale.max} on the scale ${scaleId}`
      : undefined;
  };
  if (!scales.has(policy.gradePolicy.recordScale)) report('/gradePolicy/recordScale', 'must name a scale of gradeScales');
  if (policy.residencyMinimum >= policy.programme.totalCredits) report('/residencyMinimum', "must be below the programme's total credits");

  const conversions = new Set<string>();
  policy.unitConversions.forEach((conversion, i) => {
    const key = `${conversion.from} ${conversion.to}`;
    if (conversion.from === conversion.to) report(`/unitConversions/${i}/to`, 'must differ from from');
    if (conversions.has(key)) report(`/unitConversions/${i}`, `repeats the conversion from ${conversion.from} to ${conversion.to}`);
    conversions.add(key);
  });

  const tables = new Set<string>();
  policy.gradeConversions.forEach((table, i) => {
    const at = `/gradeConversions/${i}`;
    if (tables.has(table.id)) report(`${at}/id`, `repeats the table ${table.id}`);
    tables.add(table.id);
    const from = scales.get(table.fromScale);
    if (!from) report(`${at}/fromScale`, 'must name a scale of gradeScales');
    if (!scales.has(table.toScale)) report(`${at}/toScale`, 'must name a scale of gradeScales');
    if ((table.entries === undefined) === (table.bands === undefined)) report(at, 'must have exactly one of: entries, bands');
    if (from?.type === 'ordinal' && table.bands) report(`${at}/bands`, 'a table from an ordinal scale converts by entries');
    if (from?.type === 'numeric' && table.entries) report(`${at}/entries`, 'a table from a numeric scale converts by bands');
    table.entries?.forEach((entry, j) => {
      const fromProblem = gradeProblem(table.fromScale, entry.from);
      if (fromProblem) report(`${at}/entries/${j}/from`, fromProblem);
      const toProblem = gradeProblem(table.toScale, entry.to);
      if (toProblem) report(`${at}/entries/${j}/to`, toProblem);
    });
    table.bands?.forEach((band, j) => {
      const toProblem = gradeProblem(table.toScale, band.to);
      if (toProblem) report(`${at}/bands/${j}/to`, toProblem);
      const previous = table.bands?.[j - 1];
      if (from?.type === 'numeric' && previous && !isBetter(from, previous.atLeast, band.atLeast))
        report(`${at}/bands/${j}/atLeast`, 'bands must be listed best first');
    });
  });

  const codes = new Set<string>();
  policy.rules.forEach((rule, i) => {
    const at = `/rules/${i}`;
    if (codes.has(rule.code)) report(`${at}/code`, `repeats the rule ${rule.code}`);
    codes.add(rule.code);
    for (const problem of shapeProblems(rule)) report(`${at}${problem.path}`, problem.message);
    rule.sources.forEach((source, j) => {
      for (const problem of matcherProblems(source, gradeProblem)) report(`${at}/sources/${j}${problem.path}`, problem.message);
    });
    if (rule.gradeConversion.mode === 'table' && !tables.has(rule.gradeConversion.table))
      report(`${at}/gradeConversion/table`, 'must name a table of gradeConversions');
  });
  return violations;
}

/** A grade's number on a numeric scale; undefined when it is not a number within the scale. */
export function numericGrade(scale: NumericGradeScale, value: string): number | undefined {
  const number = Number(value);
  return value.trim() !== '' && Number.isFinite(number) && number >= scale.min && number <= scale.max ? number : undefined;
}

/** Whether grade a is strictly better than grade b on a numeric scale. */
export function isBetter(scale: NumericGradeScale, a: number, b: number): boolean {
  return scale.higherIsBetter ? a > b : a < b;
}

function shapeProblems(rule: EquivalenceRule): SchemaViolation[] {
  const problems: SchemaViolation[] = [];
  const expectSources = rule.cardinality === 'n:1' ? 'at least 2' : 'exactly 1';
  if (rule.cardinality === 'n:1' ? rule.sources.length < 2 : rule.sources.length !== 1)
    problems.push({ path: '/sources', message: `a ${rule.cardinality} rule has ${expectSources} source matchers` });
  const expectTargets = rule.cardinality === '1:n' ? 'at least 2' : 'exactly 1';
  if (rule.cardinality === '1:n' ? rule.targets.length < 2 : rule.targets.length !== 1)
    problems.push({ path: '/targets', message: `a ${rule.cardinality} rule has ${expectTargets} targets` });
  rule.targets.forEach((target, k) => {
    if ((target.achievementId === undefined) === (target.bucket === undefined))
      problems.push({ path: `/targets/${k}`, message: 'must have exactly one of: achievementId, bucket' });
    if (rule.cardinality === '1:n' && target.credits === undefined)
      problems.push({ path: `/targets/${k}/credits`, message: 'each target of a 1:n rule says its own credits' });
    if (rule.cardinality !== '1:n' && target.credits !== undefined)
      problems.push({ path: `/targets/${k}/credits`, message: "only 1:n targets carry credits; this rule's credits say what it awards" });
  });
  if (rule.cardinality === '1:n' && rule.credits.mode !== 'fixed')
    problems.push({ path: '/credits/mode', message: "a 1:n rule awards each target's fixed credits, so its mode is fixed" });
  const split = rule.targets.reduce((sum, target) => sum + Math.round((target.credits ?? 0) * 100), 0);
  if (rule.cardinality === '1:n' && rule.credits.mode === 'fixed' && split !== Math.round(rule.credits.credits * 100))
    problems.push({ path: '/credits/credits', message: "a 1:n rule's credits are the sum of its targets' credits" });
  return problems;
}

function matcherProblems(source: SourceMatcher, gradeProblem: (scale: string, value: string) => string | undefined): SchemaViolation[] {
  const problems: SchemaViolation[] = [];
  if (source.minimumGrade) {
    const problem = gradeProblem(source.minimumGrade.scale, source.minimumGrade.value);
    if (problem) problems.push({ path: '/minimumGrade/value', message: problem });
  }
  if (source.codePattern && (source.codePattern.match(/\*/g)?.length ?? 0) > 3)
    problems.push({ path: '/codePattern', message: 'must have at most 3 wildcards *' });
  return problems;
}
