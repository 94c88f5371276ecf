import type { NextFunction, Request, Response } from 'express';
import { RequestError } from './request-errors.js';

/**
 * How deep a JSON body may nest. Our deepest documents (a presentation holding an Open Badges
 * credential with endorsements and alignments) stay under 15 levels; recursion over a body 4,000
 * levels deep overflowed the stack while signing.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * What every request URL must be before routing: percent-encoding that decodes to UTF-8 (a route
 * parameter that does not would throw inside the router) and no NUL character, which Postgres
 * refuses in text.
 */
export function screenUrl(url: string): RequestError | undefined {
  const queryStart = url.indexOf('?');
  const [path, query] = queryStart === -1 ? [url, ''] : [url.slice(0, queryStart), url.slice(queryStart + 1)];
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(path);
  } catch {
    return RequestError.malformedUrl();
  }
  if (decodedPath.includes('\u0000') || /%00/i.test(query)) return RequestError.invalidCharacter('URL');
  return undefined;
}

/**
 * What every parsed body must be: nested at most `maxDepth` levels and free of NUL characters, in
 * keys and values alike. Iterative, so that checking a deep value cannot itself overflow the stack.
 */
export function screenJson(value: unknown, maxDepth = MAX_JSON_DEPTH): RequestError | undefined {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return RequestError.invalidCharacter('body');
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= maxDepth) return RequestError.jsonTooDeep(maxDepth);
    for (const [key, member] of Object.entries(current)) {
      if (key.includes('\u0000')) return RequestError.invalidCharacter('body');
      pending.push({ value: member, depth: depth + 1 });
    }
  }
  return undefined;
}

/** Express middleware: refuses a malformed URL before the router decodes its parameters. */
export function screenRequestUrl(request: Request, _response: Response, next: NextFunction): void {
  next(screenUrl(request.url));
}

/** Express middleware, after the body parsers: refuses a body no feature should ever see. */
export function screenRequestBody(request: Request, _response: Response, next: NextFunction): void {
  next(request.body === undefined ? undefined : screenJson(request.body));
}
