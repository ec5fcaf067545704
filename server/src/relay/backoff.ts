/**
 * Reconnect delay for attempt n (0-based): exponential from `minMs`, capped at `maxMs`, with jitter
 * over the upper half of the step so a farm of printers that dropped together (a Wi-Fi blip, a
 * broker restart) does not reconnect in one burst.
 */
export function backoffDelay(
  attempt: number,
  bounds: { minMs: number; maxMs: number },
  random: () => number = Math.random,
): number {
  const step = Math.min(bounds.maxMs, bounds.minMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.round(step / 2 + (random() * step) / 2);
}
