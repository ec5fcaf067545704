import type { SoakOptions } from './soak.ts';

/**
 * Sizes: CI default, `--long` / SOAK_LONG=1 for the long run; SOAK_TABLETS, SOAK_PRINTERS,
 * SOAK_SECONDS, SOAK_THINK_MS, SOAK_OFFLINE_AFTER_MS, SOAK_RX_STORAGE (dexie | memory) override either. The CI size runs the relay with
 * a 15 s offline timeout (so a short run need not wait out the product's 60 s); the long run keeps 60 s.
 */
export function soakOptions(
  argv: readonly string[] = [],
  log: (m: string) => void = () => undefined,
): SoakOptions {
  const long = argv.includes('--long') || process.env.SOAK_LONG === '1';
  const num = (name: string, fallback: number) => {
    const v = Number(process.env[name]);
    return Number.isFinite(v) && v > 0 ? v : fallback;
  };
  const tablets = num('SOAK_TABLETS', long ? 200 : 50);
  return {
    tablets,
    rxTablets: Math.min(3, tablets, num('SOAK_RX_TABLETS', 3)),
    rxStorage:
      process.env.SOAK_RX_STORAGE === 'memory' || process.env.SOAK_RX_STORAGE === 'dexie'
        ? process.env.SOAK_RX_STORAGE
        : long
          ? 'memory'
          : 'dexie',
    printers: num('SOAK_PRINTERS', long ? 500 : 100),
    seconds: num('SOAK_SECONDS', long ? 1800 : 120),
    thinkMs: num('SOAK_THINK_MS', long ? 12_000 : 2000),
    offlineAfterMs: num('SOAK_OFFLINE_AFTER_MS', long ? 60_000 : 15_000),
    log,
  };
}
