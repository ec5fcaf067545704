import { Suspense, lazy, type ComponentType, type ReactNode } from 'react';

type AnyProps = Record<string, unknown>;
const preloads: (() => Promise<unknown>)[] = [];

/**
 * A screen loaded on first use instead of with the app (fast start: the floor's first screen
 * carries only its own code). Use it in place of a static import — the route table is unchanged:
 *
 *   const SpoolsScreen = lazyScreen(() => import('../screens/spools/SpoolsScreen.tsx'), 'SpoolsScreen');
 *
 * Every chunk is precached by the service worker, so a lazy screen opens offline too; and once the
 * first screen is up, {@link preloadScreens} fetches them all while the tablet is idle, so the
 * first tap on a section does not wait either.
 */
export function lazyScreen<M extends Record<string, unknown>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): M[K] {
  preloads.push(load);
  const Lazy = lazy(async () => ({ default: (await load())[name] as ComponentType<AnyProps> }));
  const Screen = (props: AnyProps): ReactNode => (
    <Suspense
      fallback={
        <p className="page empty" role="status">
          Loading…
        </p>
      }
    >
      <Lazy {...props} />
    </Suspense>
  );
  Screen.displayName = `Lazy(${name})`;
  return Screen as M[K];
}

/**
 * Loads every lazy screen in the background, a few seconds after start when the tablet is idle, so
 * it never competes with the first screen (opening the database, the first sync).
 */
export function preloadScreens(afterMs = 4000): void {
  const run = () => {
    for (const load of preloads.splice(0)) load().catch(() => undefined);
  };
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number })
    .requestIdleCallback;
  setTimeout(() => (idle ? idle(run, { timeout: 5000 }) : run()), afterMs);
}
