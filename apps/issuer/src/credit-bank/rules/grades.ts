import {
  type GradeAggregation,
  type GradeConversionTable,
  type GradeScale,
  isBetter,
  numericGrade,
  type RecognitionPolicy,
} from '#schemas';
import type { Grade } from './recognition-input.js';

/** A policy's grade scales and tables, looked up by id. */
export class GradeBook {
  private readonly scales: Map<string, GradeScale>;
  private readonly tables: Map<string, GradeConversionTable>;

  constructor(policy: RecognitionPolicy) {
    this.scales = new Map(policy.gradeScales.map((scale) => [scale.id, scale]));
    this.tables = new Map(policy.gradeConversions.map((table) => [table.id, table]));
  }

  /**
   * How good a grade is on its scale, from 0 (the worst value) to 1 (the best); undefined when the
   * policy does not know the scale or the value is not on it. Comparable only within one scale, except
   * to rank duplicates, where it is the only common measure.
   */
  standing(grade: Grade): number | undefined {
    const scale = this.scales.get(grade.scale);
    if (!scale) return undefined;
    if (scale.type === 'ordinal') {
      const index = scale.values.findIndex((v) => v.value === grade.value);
      if (index < 0) return undefined;
      return scale.values.length === 1 ? 1 : index / (scale.values.length - 1);
    }
    const number = numericGrade(scale, grade.value);
    if (number === undefined) return undefined;
    const share = (number - scale.min) / (scale.max - scale.min);
    return scale.higherIsBetter ? share : 1 - share;
  }

  /** Whether `grade` is at least `minimum`, converting it to the minimum's scale by the policy's first table between the two. */
  meets(grade: Grade, minimum: Grade): boolean | undefined {
    const onScale = grade.scale === minimum.scale ? grade : this.convertBetween(grade, minimum.scale);
    if (!onScale) return undefined;
    const got = this.standing(onScale);
    const wanted = this.standing(minimum);
    return got === undefined || wanted === undefined ? undefined : got >= wanted;
  }

  /** Converts by a named table; undefined when the grade is not on the table's scale or worse than every band. */
  convert(grade: Grade, tableId: string): Grade | undefined {
    const table = this.tables.get(tableId);
    const scale = this.scales.get(grade.scale);
    if (!table || !scale || table.fromScale !== grade.scale || this.standing(grade) === undefined) return undefined;
    if (table.entries) {
      const entry = table.entries.find((e) => e.from === grade.value);
      return entry && { scale: table.toScale, value: entry.to };
    }
    if (scale.type !== 'numeric') return undefined;
    const number = Number(grade.value);
    const band = table.bands?.find((b) => b.atLeast === number || isBetter(scale, number, b.atLeast));
    return band && { scale: table.toScale, value: band.to };
  }

  /**
   * Combines grades on one scale: the credit-weighted mean (plain mean when no source has credits),
   * the lowest or the highest. An ordinal mean is taken on the values' points and rounded down to the
   * best value whose points it reaches, so averaging never raises a grade.
   */
  aggregate(grades: { grade: Grade; weight: number }[], how: GradeAggregation): Grade | undefined {
    if (grades.length === 0) return undefined;
    const scaleId = grades[0].grade.scale;
    const scale = this.scales.get(scaleId);
    if (!scale || grades.some(({ grade }) => grade.scale !== scaleId || this.standing(grade) === undefined)) return undefined;
    if (grades.length === 1) return grades[0].grade;
    if (how !== 'credit-weighted-mean') {
      const ranked = [...grades].sort((a, b) => (this.standing(a.grade) ?? 0) - (this.standing(b.grade) ?? 0));
      return (how === 'lowest' ? ranked[0] : ranked[ranked.length - 1]).grade;
    }
    const weightsKnown = grades.every(({ weight }) => weight > 0);
    const weightOf = (weight: number) => (weightsKnown ? weight : 1);
    const totalWeight = grades.reduce((sum, { weight }) => sum + weightOf(weight), 0);
    const pointsOf = (grade: Grade) =>
      scale.type === 'numeric' ? Number(grade.value) : (scale.values.find((v) => v.value === grade.value)?.points ?? 0);
    const mean = grades.reduce((sum, { grade, weight }) => sum + pointsOf(grade) * weightOf(weight), 0) / totalWeight;
    if (scale.type === 'numeric') return { scale: scaleId, value: String(Math.round(mean * 100) / 100) };
    const reached = scale.values.filter((v) => v.points <= mean + 1e-9);
    return { scale: scaleId, value: (reached[reached.length - 1] ?? scale.values[0]).value };
  }

  private convertBetween(grade: Grade, toScale: string): Grade | undefined {
    for (const table of this.tables.values())
      if (table.fromScale === grade.scale && table.toScale === toScale) return this.convert(grade, table.id);
    return undefined;
  }
}
