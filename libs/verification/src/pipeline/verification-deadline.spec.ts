import { valid } from './check.js';
import { beforeDeadline } from './verification-deadline.js';

const after = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('beforeDeadline', () => {
  it("is the check's own outcome when it finishes in time", async () => {
    expect(await beforeDeadline(async () => valid(), Date.now() + 1000)).toEqual({ status: 'valid' });
  });

  it('is an error once the deadline passes, without waiting for the check', async () => {
    let finished = false;
    const outcome = await beforeDeadline(async () => {
      await after(300);
      finished = true;
      return valid();
    }, Date.now() + 50);
    expect(outcome).toMatchObject({ status: 'error', reason: { code: 'VERIFICATION_DEADLINE_EXCEEDED' } });
    expect(finished).toBe(false);
  });

  it('does not start a check once the deadline has passed', async () => {
    let started = false;
    const outcome = await beforeDeadline(async () => ((started = true), valid()), Date.now() - 1);
    expect(outcome.reason?.code).toBe('VERIFICATION_DEADLINE_EXCEEDED');
    expect(started).toBe(false);
  });
});
