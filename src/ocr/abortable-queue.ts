/**
 * Puts `item` at the end of `queue` until `signal` aborts; then takes it out and rejects with the signal's reason.
 * Returns the abort listener, for the caller to remove once the item leaves the queue by being served.
 */
export function enqueueAbortable<T>(
  queue: T[],
  item: T,
  signal: AbortSignal | undefined,
  reject: (reason: unknown) => void,
): (() => void) | undefined {
  queue.push(item);
  if (!signal) return undefined;
  const onAbort = () => {
    const at = queue.indexOf(item);
    if (at >= 0) queue.splice(at, 1);
    reject(signal.reason);
  };
  signal.addEventListener("abort", onAbort, { once: true });
  return onAbort;
}
