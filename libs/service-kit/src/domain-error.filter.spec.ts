import { type ArgumentsHost, BadRequestException, HttpException, Logger } from '@nestjs/common';
import { DomainErrorFilter } from './domain-error.filter.js';
import { RequestError } from './request-errors.js';

/** What the filter answered: the status, the headers it set and the body. */
function answerTo(exception: unknown): { status: number; headers: Record<string, string>; body: any } {
  const answer = { status: 0, headers: {} as Record<string, string>, body: undefined as any };
  const response = {
    status(code: number) {
      answer.status = code;
      return response;
    },
    setHeader(name: string, value: string) {
      answer.headers[name] = value;
    },
    json(body: unknown) {
      answer.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ method: 'POST', path: '/x' }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new DomainErrorFilter().catch(exception, host);
  return answer;
}

/** A body-parser failure as Nest hands it over: an HttpException whose cause is the http-errors error. */
function parserFailure(status: number, properties: Record<string, unknown>): HttpException {
  const cause = Object.assign(new Error(String(properties.message ?? 'failed')), { status, statusCode: status, ...properties });
  return new HttpException(cause.message, status, { cause });
}

beforeAll(() => Logger.overrideLogger(false));

describe('DomainErrorFilter', () => {
  it('maps body-parser failures to request codes', () => {
    const cases: [HttpException, number, string][] = [
      [parserFailure(400, { type: 'entity.parse.failed' }), 400, 'MALFORMED_JSON'],
      [parserFailure(413, { type: 'entity.too.large', limit: 1024 }), 413, 'PAYLOAD_TOO_LARGE'],
      [parserFailure(415, { type: 'charset.unsupported', charset: 'latin1' }), 415, 'UNSUPPORTED_CHARSET'],
      [parserFailure(415, { type: 'encoding.unsupported', encoding: 'foo' }), 415, 'UNSUPPORTED_CONTENT_ENCODING'],
      [parserFailure(400, { code: 'Z_DATA_ERROR', message: 'incorrect header check' }), 400, 'UNREADABLE_BODY'],
      [parserFailure(400, { type: 'request.size.invalid' }), 400, 'UNREADABLE_BODY'],
    ];
    for (const [exception, status, code] of cases) expect(answerTo(exception)).toMatchObject({ status, body: { error: { code } } });
    expect(answerTo(parserFailure(415, { type: 'charset.unsupported', charset: 'latin1' })).body.error.message).toContain('latin1');
  });

  it('answers a rate limit with Retry-After', () => {
    expect(answerTo(RequestError.rateLimited(42))).toMatchObject({
      status: 429,
      headers: { 'Retry-After': '42' },
      body: { error: { code: 'RATE_LIMITED' } },
    });
  });

  it('answers anything unknown with a 500 that says nothing of it', () => {
    expect(answerTo(new Error('secret detail'))).toEqual({
      status: 500,
      headers: {},
      body: { error: { code: 'INTERNAL_ERROR', message: expect.not.stringContaining('secret') } },
    });
    expect(answerTo(new BadRequestException('odd')).status).toBe(500);
  });
});
