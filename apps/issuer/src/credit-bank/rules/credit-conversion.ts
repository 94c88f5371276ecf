import type { UnitConversion } from '#schemas';

/**
 * Credits are counted in hundredths inside the engine, so that caps compare exactly (0.1 + 0.2 ECTS
 * is 0.3 here). A converted amount is rounded to the nearest hundredth once, when it is converted.
 */
export const toHundredths = (credits: number): number => Math.round(credits * 100);
export const fromHundredths = (hundredths: number): number => hundredths / 100;

/** A policy's unit conversions: one-way factors, never chained or inverted, so a policy means exactly what it says. */
export class CreditConverter {
  private readonly factors: Map<string, number>;

  constructor(conversions: UnitConversion[]) {
    this.factors = new Map(conversions.map(({ from, to, factor }) => [`${from} ${to}`, factor]));
  }

  /** The credits in `to`, in hundredths; undefined when the policy gives no factor from their framework. */
  hundredthsIn(credits: { value: number; framework: string }, to: string): number | undefined {
    if (credits.framework === to) return toHundredths(credits.value);
    const factor = this.factors.get(`${credits.framework} ${to}`);
    return factor === undefined ? undefined : toHundredths(credits.value * factor);
  }
}
