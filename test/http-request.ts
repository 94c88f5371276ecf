/** What a request answered: the status, the headers and the body (parsed when it is JSON). */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: any;
}

/**
 * Any request, sent as given (a path with broken percent-encoding, an odd Content-Type or
 * Content-Encoding), for tests of what a service answers to malformed input.
 */
export async function httpRequest(url: string, init: RequestInit = {}): Promise<HttpAnswer> {
  const response = await fetch(url, init);
  const text = await response.text();
  const json = response.headers.get('content-type')?.startsWith('application/json');
  return { status: response.status, headers: response.headers, body: json && text ? JSON.parse(text) : text };
}

/** A JSON value nested `depth` levels deep: what overflowed the stack while signing. */
export function nestedValue(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = { nested: value };
  return value;
}
