import { expect } from 'vitest';
import type { CollectionName } from '@printfloor/shared';

// Test-only: asserts with vitest's expect, so benches (e2e/bench, e2e/soak) must not import this file.

/** Fails the test unless a sync push answered 200 with no conflicts (`[]`). */
export async function expectPushAccepted(res: Response): Promise<void> {
  expect(res.status, await res.clone().text()).toBe(200);
  expect(await res.json()).toEqual([]);
}

/**
 * Pushes `docs` as new documents (no assumed master state, not deleted) through the real sync API,
 * as a tablet holding `token` would, and fails the test unless the server took every one of them.
 */
export async function pushDocs(url: string, token: string, collection: CollectionName, docs: object[]): Promise<void> {
  const res = await fetch(`${url}/api/sync/${collection}/push`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(docs.map((d) => ({ assumedMasterState: null, newDocumentState: { ...d, _deleted: false } }))),
  });
  await expectPushAccepted(res);
}
