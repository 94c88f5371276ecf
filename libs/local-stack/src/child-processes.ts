import type { ChildProcess } from 'node:child_process';

const running = new Set<ChildProcess>();
let hooked = false;

/**
 * Children this process started are signalled when it exits, however it exits, so a local chain or
 * database never outlives the service that started it. The signal lets each one shut down cleanly.
 */
export function stopOnExit(child: ChildProcess, signal: NodeJS.Signals): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const each of running) each.kill(signal);
  });
}

/** Signals a child and waits for it to exit, escalating to SIGKILL after a grace period. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}
