/**
 * What `pending` settles with, or what `expired` gives (or throws) once `deadline` (epoch ms) passes
 * first. The timer never outlives the race; `pending` is not cancelled, only no longer awaited.
 */
export function raceDeadline<T>(pending: Promise<T>, deadline: number, expired: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<T>((resolve, reject) => {
    timer = setTimeout(
      () => {
        try {
          resolve(expired());
        } catch (error) {
          reject(error);
        }
      },
      Math.max(0, deadline - Date.now()),
    );
  });
  return Promise.race([pending, expiry]).finally(() => clearTimeout(timer));
}
