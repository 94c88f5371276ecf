import type { ParsedCredential } from '../parsed-credential.js';
import { ValidityPeriodCheck } from './validity-period.check.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const seconds = (iso: string) => Date.parse(iso) / 1000;

function credential(payload: Record<string, unknown>, signed: Record<string, unknown> = {}): ParsedCredential {
  return { format: 'vc-jwt', bytes: 'a.b.c', issuer: 'did:example:issuer', jwt: { header: {}, payload }, credential: signed };
}

describe('ValidityPeriodCheck', () => {
  const check = new ValidityPeriodCheck(300);

  it('accepts a credential inside its period', async () => {
    const outcome = await check.run(credential({ nbf: seconds('2026-01-01T00:00:00Z'), exp: seconds('2027-01-01T00:00:00Z') }), {
      now: NOW,
    });
    expect(outcome).toEqual({ status: 'valid' });
  });

  it('accepts a credential with no period at all', async () => {
    expect((await check.run(credential({}), { now: NOW })).status).toBe('valid');
  });

  it('refuses an expired credential', async () => {
    const outcome = await check.run(credential({ exp: seconds('2026-06-01T11:00:00Z') }), { now: NOW });
    expect(outcome.reason?.code).toBe('CREDENTIAL_EXPIRED');
  });

  it('refuses a credential that is not valid yet', async () => {
    const outcome = await check.run(credential({ nbf: seconds('2026-06-01T13:00:00Z') }), { now: NOW });
    expect(outcome.reason?.code).toBe('CREDENTIAL_NOT_YET_VALID');
  });

  it('tolerates the configured clock skew and no more', async () => {
    expect((await check.run(credential({ nbf: seconds('2026-06-01T12:04:00Z') }), { now: NOW })).status).toBe('valid');
    expect((await check.run(credential({ nbf: seconds('2026-06-01T12:06:00Z') }), { now: NOW })).status).toBe('invalid');
    expect((await check.run(credential({ exp: seconds('2026-06-01T11:56:00Z') }), { now: NOW })).status).toBe('valid');
    expect((await check.run(credential({ exp: seconds('2026-06-01T11:54:00Z') }), { now: NOW })).status).toBe('invalid');
  });

  it('tolerates a skew of its own at the end when given one: none, for an issuer checking what it signs', async () => {
    const signing = new ValidityPeriodCheck(60, 0);
    expect((await signing.run(credential({ nbf: seconds('2026-06-01T12:00:50Z') }), { now: NOW })).status).toBe('valid');
    expect((await signing.run(credential({ nbf: seconds('2026-06-01T12:01:10Z') }), { now: NOW })).reason?.code).toBe(
      'CREDENTIAL_NOT_YET_VALID',
    );
    expect((await signing.run(credential({ exp: seconds('2026-06-01T12:00:01Z') }), { now: NOW })).status).toBe('valid');
    expect((await signing.run(credential({ exp: seconds('2026-06-01T11:59:59Z') }), { now: NOW })).reason?.code).toBe('CREDENTIAL_EXPIRED');
  });

  it('enforces VCDM 2.0 validUntil even when the JWT has no exp', async () => {
    const outcome = await check.run(credential({}, { validUntil: '2021-01-01T00:00:00Z' }), { now: NOW });
    expect(outcome.reason?.code).toBe('CREDENTIAL_EXPIRED');
  });

  it('takes the strictest bound when exp and validUntil disagree', async () => {
    const outcome = await check.run(credential({ exp: seconds('2030-01-01T00:00:00Z') }, { validUntil: '2026-01-01T00:00:00Z' }), {
      now: NOW,
    });
    expect(outcome.reason?.code).toBe('CREDENTIAL_EXPIRED');
  });

  it('refuses malformed dates', async () => {
    expect((await check.run(credential({ exp: 'soon' }), { now: NOW })).reason?.code).toBe('VALIDITY_PERIOD_MALFORMED');
    expect((await check.run(credential({}, { validFrom: 'yesterday' }), { now: NOW })).reason?.code).toBe('VALIDITY_PERIOD_MALFORMED');
  });
});
