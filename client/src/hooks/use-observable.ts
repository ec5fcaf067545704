import { useEffect, useState } from 'react';
import type { Observable } from 'rxjs';

/** The latest value of an observable; re-subscribes when `deps` change. */
export function useObservable<T>(
  factory: () => Observable<T> | null,
  initial: T,
  deps: readonly unknown[],
): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const obs = factory();
    if (!obs) return;
    const sub = obs.subscribe({ next: setValue });
    return () => sub.unsubscribe();
  }, deps);
  return value;
}
