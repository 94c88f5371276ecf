/**
 * How many outbound fetches this process runs at once, shared by every fetcher: a burst of
 * verifications naming many URLs waits for a slot (within each fetch's deadline) instead of
 * holding hundreds of sockets and response buffers.
 */
export class FetchSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  /** Resolves with a release function once a slot is free; rejects if `deadline` (epoch ms) passes first. */
  acquire(deadline: number): Promise<() => void> {
    if (this.running < this.size) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve(this.releaser());
      };
      const timer = setTimeout(
        () => {
          this.waiting.splice(this.waiting.indexOf(grant), 1);
          reject(new Error('no fetch slot came free before the deadline'));
        },
        Math.max(0, deadline - Date.now()),
      );
      this.waiting.push(grant);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    };
  }
}
