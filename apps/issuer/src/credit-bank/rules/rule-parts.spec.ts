import { ECTS, exampleRecognitionPolicy, US_SEMESTER_HOURS } from '#schemas';
import { academicPeriodOf, isOlderThan } from './academic-calendar.js';
import { CreditConverter, toHundredths } from './credit-conversion.js';
import { GradeBook } from './grades.js';
import { globToRegExp } from './source-matcher.js';

describe('academicPeriodOf', () => {
  it('names a year by the calendar year it starts in and cuts it into equal terms', () => {
    const autumn = { yearStartMonth: 9, termsPerYear: 2 };
    expect(academicPeriodOf('2025-09-01T00:00:00Z', autumn)).toEqual({ year: '2025', term: '2025-T1' });
    expect(academicPeriodOf('2026-02-28T23:59:59Z', autumn)).toEqual({ year: '2025', term: '2025-T1' });
    expect(academicPeriodOf('2026-03-01T00:00:00Z', autumn)).toEqual({ year: '2025', term: '2025-T2' });
    expect(academicPeriodOf('2026-08-31T12:00:00Z', autumn)).toEqual({ year: '2025', term: '2025-T2' });
    expect(academicPeriodOf('2026-05-10T00:00:00Z', { yearStartMonth: 1, termsPerYear: 4 })).toEqual({ year: '2026', term: '2026-T2' });
    expect(academicPeriodOf('2025-08-31T23:00:00-02:00', autumn)).toEqual({ year: '2025', term: '2025-T1' });
  });
});

describe('isOlderThan', () => {
  it('counts whole years back from the evaluation date', () => {
    expect(isOlderThan('2016-05-31T23:59:59Z', 10, '2026-06-01T00:00:00Z')).toBe(true);
    expect(isOlderThan('2016-06-01T00:00:00Z', 10, '2026-06-01T00:00:00Z')).toBe(false);
  });
});

describe('CreditConverter', () => {
  it('converts by the factors given, one way, rounding once to hundredths', () => {
    const converter = new CreditConverter([{ from: US_SEMESTER_HOURS, to: ECTS, factor: 1.333 }]);
    expect(converter.hundredthsIn({ value: 3, framework: US_SEMESTER_HOURS }, ECTS)).toBe(400);
    expect(converter.hundredthsIn({ value: 3, framework: ECTS }, US_SEMESTER_HOURS)).toBeUndefined();
    expect(converter.hundredthsIn({ value: 0.1, framework: ECTS }, ECTS)! + toHundredths(0.2)).toBe(toHundredths(0.3));
  });
});

describe('GradeBook', () => {
  const policy = exampleRecognitionPolicy();
  policy.gradeScales.push({ id: 'german', type: 'numeric', min: 1, max: 5, higherIsBetter: false });
  policy.gradeConversions.push({
    id: 'german-to-ects',
    fromScale: 'german',
    toScale: 'ects-grade',
    bands: [
      { atLeast: 1.5, to: 'A' },
      { atLeast: 2.5, to: 'B' },
      { atLeast: 4, to: 'E' },
    ],
  });
  const book = new GradeBook(policy);

  it('converts by bands on scales where lower is better, and not past the last band', () => {
    expect(book.convert({ scale: 'german', value: '1.3' }, 'german-to-ects')).toEqual({ scale: 'ects-grade', value: 'A' });
    expect(book.convert({ scale: 'german', value: '2.5' }, 'german-to-ects')).toEqual({ scale: 'ects-grade', value: 'B' });
    expect(book.convert({ scale: 'german', value: '4.3' }, 'german-to-ects')).toBeUndefined();
    expect(book.convert({ scale: 'percent', value: '95' }, 'german-to-ects')).toBeUndefined();
  });

  it('compares grades on one scale, and across scales only through a table', () => {
    expect(book.meets({ scale: 'german', value: '1.7' }, { scale: 'german', value: '2.0' })).toBe(true);
    expect(book.meets({ scale: 'german', value: '2.3' }, { scale: 'german', value: '2.0' })).toBe(false);
    expect(book.meets({ scale: 'german', value: '2.3' }, { scale: 'ects-grade', value: 'B' })).toBe(true);
    expect(book.meets({ scale: 'ects-grade', value: 'B' }, { scale: 'german', value: '2.0' })).toBeUndefined();
    expect(book.meets({ scale: 'percent', value: 'ninety' }, { scale: 'percent', value: '60' })).toBeUndefined();
  });

  it('never rounds an ordinal mean up', () => {
    const grade = (value: string) => ({ scale: 'ects-grade', value });
    expect(
      book.aggregate(
        [
          { grade: grade('A'), weight: 1 },
          { grade: grade('B'), weight: 1 },
        ],
        'credit-weighted-mean',
      ),
    ).toEqual(grade('B'));
    expect(
      book.aggregate(
        [
          { grade: grade('A'), weight: 3 },
          { grade: grade('C'), weight: 1 },
        ],
        'credit-weighted-mean',
      ),
    ).toEqual(grade('B'));
    expect(
      book.aggregate(
        [
          { grade: grade('A'), weight: 0 },
          { grade: grade('C'), weight: 5 },
        ],
        'credit-weighted-mean',
      ),
    ).toEqual(grade('B'));
  });
});

describe('globToRegExp', () => {
  it('matches whole codes with * and ?, everything else literally', () => {
    expect(globToRegExp('CS-1??').test('CS-101')).toBe(true);
    expect(globToRegExp('CS-1??').test('CS-1010')).toBe(false);
    expect(globToRegExp('CLOUD-*').test('CLOUD-')).toBe(true);
    expect(globToRegExp('A.B(1)').test('A.B(1)')).toBe(true);
    expect(globToRegExp('A.B').test('AxB')).toBe(false);
  });
});
