import { raceDeadline } from '../race-deadline.js';
import { type CheckOutcome, failedToCheck } from './check.js';

const outOfTime = (started: boolean) =>
  failedToCheck(
    'VERIFICATION_DEADLINE_EXCEEDED',
    started
      ? 'The verification ran out of time before this check finished; try again later.'
      : 'The verification ran out of time before this check could run; try again later.',
  );

/**
 * A check's outcome, or `error` once the verification's deadline (epoch ms) passes first. A check
 * left running is not awaited: whatever it still fetches ends at its own fetch deadline.
 */
export async function beforeDeadline(run: () => Promise<CheckOutcome>, deadline: number): Promise<CheckOutcome> {
  if (Date.now() >= deadline) return outOfTime(false);
  return raceDeadline(run(), deadline, () => outOfTime(true));
}
