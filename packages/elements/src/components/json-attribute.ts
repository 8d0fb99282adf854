// A Lit converter for attributes holding JSON. Lit's own (type: Object) throws on bad JSON, and a
// converter that throws leaves Lit ignoring that attribute from then on; this one never throws,
// so the element can show the mistake and take the next value.

/** What a bad JSON attribute becomes: the text and the parser's complaint. */
export class InvalidJson {
  constructor(readonly text: string, readonly reason: string) {}
}

/** Parses the attribute; bad JSON becomes an {@link InvalidJson} for the element to report. */
export const jsonAttribute = {
  fromAttribute(value: string | null): unknown {
    if (value === null) return undefined;
    try {
      return JSON.parse(value) as unknown;
    } catch (e) {
      return new InvalidJson(value, (e as Error).message);
    }
  },
  toAttribute: (value: unknown): string => JSON.stringify(value),
};

/** Returns `value`, or throws naming the attribute when it was bad JSON. */
export function validJson<T>(value: T | InvalidJson, what: string): T {
  if (value instanceof InvalidJson) throw new Error(`${what} is not valid JSON (${value.reason}): ${value.text}`);
  return value;
}
