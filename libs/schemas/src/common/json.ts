/** Reading JSON that anyone may have written (another issuer's credential), without trusting its shape. */
export type JsonObject = Record<string, unknown>;

export const isJsonObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value as an object, or an empty one: reading a member of it then gives undefined. */
export const objectOf = (value: unknown): JsonObject => (isJsonObject(value) ? value : {});

/** A member that is one value or a list of them (as JSON-LD allows), as a list. */
export const listOf = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
