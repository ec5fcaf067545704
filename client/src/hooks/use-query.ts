import { useMemo } from 'react';
import { map } from 'rxjs';
import type { RxCollection, MangoQuery } from 'rxdb';
import type { CollectionName, DocOf } from '@printfloor/shared';
import { useApp } from '../app/client-context.ts';
import { useObservable } from './use-observable.ts';

export interface QueryResult<T> {
  docs: T[];
  loading: boolean;
}

function coll<N extends CollectionName>(
  client: ReturnType<typeof useApp>['client'],
  name: N,
): RxCollection<DocOf<N>> {
  return client.db.collections[name] as unknown as RxCollection<DocOf<N>>;
}

/** A live query: re-renders with plain JSON documents whenever the result changes (local or synced). */
export function useQuery<N extends CollectionName>(
  name: N,
  query: MangoQuery<DocOf<N>> | null,
  deps: readonly unknown[] = [],
): QueryResult<DocOf<N>> {
  const { client } = useApp();
  const key = JSON.stringify(query);
  const result = useObservable<QueryResult<DocOf<N>>>(
    () =>
      query
        ? coll(client, name)
            .find(query)
            .$.pipe(map((docs) => ({ docs: docs.map((d) => d.toJSON() as DocOf<N>), loading: false })))
        : null,
    { docs: [], loading: query !== null },
    [client, name, key, ...deps],
  );
  return result;
}

/** One document by id, live; `undefined` while loading, `null` when it does not exist (yet). */
export function useDoc<N extends CollectionName>(name: N, id: string): DocOf<N> | null | undefined {
  const { client } = useApp();
  return useObservable<DocOf<N> | null | undefined>(
    () =>
      coll(client, name)
        .findOne(id)
        .$.pipe(map((d) => (d ? (d.toJSON() as DocOf<N>) : null))),
    undefined,
    [client, name, id],
  );
}

/** id → document of a small collection, for showing names instead of ids. */
export function useLookup<N extends CollectionName>(name: N): Map<string, DocOf<N>> {
  const { docs } = useQuery(name, {});
  return useMemo(() => new Map(docs.map((d) => [(d as { id: string }).id, d])), [docs]);
}
