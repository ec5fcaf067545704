import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decidePush, optimisticCreates } from './push-decision.ts';
import type { AnyPushRow, AnyWireDoc } from './push-decision.ts';

/** Small domains so that equal, conflicting and duplicate states actually occur. */
const stamp = fc.option(fc.constantFrom('2026-01-01T00:00:00.000Z', '2026-02-02T00:00:00.000Z'), {
  nil: null,
});
const doc = (id: fc.Arbitrary<string>) =>
  fc.record({
    id,
    name: fc.constantFrom('warp', 'shift'),
    active: fc.boolean(),
    _deleted: fc.boolean(),
    serverUpdatedAt: stamp,
  }) as fc.Arbitrary<AnyWireDoc>;
const ids = fc.constantFrom('a', 'b', 'c', 'd');
const masters = fc
  .uniqueArray(doc(ids), { selector: (d) => d.id, maxLength: 4 })
  .map((ds) => new Map(ds.map((d) => [d.id, d])));
const row = fc.record({ assumedMasterState: fc.option(doc(ids), { nil: null }), newDocumentState: doc(ids) });
/** Tablets push one row per document (RxDB never batches an id twice); duplicates are tested apart. */
const batch = fc.uniqueArray(row, { selector: (r) => r.newDocumentState.id, maxLength: 4 });
const kind = fc.constantFrom('mutable' as const, 'append-only' as const);

const apply = (m: Map<string, AnyWireDoc>, accepted: AnyWireDoc[]) => {
  const out = new Map(m);
  for (const d of accepted) out.set(d.id, d);
  return out;
};
const clientView = ({ serverUpdatedAt: _s, ...rest }: AnyWireDoc) => rest;

describe('decidePush', () => {
  it('a replayed batch accepts nothing and reports the same conflicts (sync rule 3)', () => {
    fc.assert(
      fc.property(kind, masters, batch, (k, m, rows) => {
        const first = decidePush(k, rows, m);
        const again = decidePush(k, rows, apply(m, first.accepted));
        expect(again.accepted).toEqual([]);
        expect(again.conflicts.map((d) => d.id)).toEqual(first.conflicts.map((d) => d.id));
      }),
    );
  });

  it('server-owned fields never change the decision (sync rule 4)', () => {
    const restamp = (d: AnyWireDoc | null, s: string | null) => (d ? { ...d, serverUpdatedAt: s } : d);
    fc.assert(
      fc.property(kind, masters, batch, stamp, stamp, (k, m, rows, s1, s2) => {
        const base = decidePush(k, rows, m);
        const restamped = rows.map((r): AnyPushRow => ({
          assumedMasterState: restamp(r.assumedMasterState, s1),
          newDocumentState: restamp(r.newDocumentState, s2)!,
        }));
        const other = decidePush(k, restamped, m);
        expect(other.accepted.map((d) => d.id)).toEqual(base.accepted.map((d) => d.id));
        expect(other.conflicts).toEqual(base.conflicts);
      }),
    );
  });

  it('accepts exactly: new documents, and (mutable) edits of the state the client assumed; conflicts are masters', () => {
    fc.assert(
      fc.property(kind, masters, batch, (k, m, rows) => {
        const { accepted, conflicts } = decidePush(k, rows, m);
        for (const r of rows) {
          const master = m.get(r.newDocumentState.id);
          const same = (a: AnyWireDoc | null | undefined, b: AnyWireDoc) =>
            !!a && JSON.stringify(clientView(a)) === JSON.stringify(clientView(b));
          const expectAccept =
            !master ||
            (!same(master, r.newDocumentState) &&
              k === 'mutable' &&
              !!r.assumedMasterState &&
              same(r.assumedMasterState, master));
          const expectConflict = !!master && !same(master, r.newDocumentState) && !expectAccept;
          expect(accepted.includes(r.newDocumentState)).toBe(expectAccept);
          expect(conflicts.includes(master!)).toBe(expectConflict);
        }
        for (const c of conflicts) expect([...m.values()]).toContain(c);
        if (k === 'append-only') for (const d of accepted) expect(m.has(d.id)).toBe(false);
      }),
    );
  });

  it('an id twice in one batch: the second row sees the first as its master and one state is written', () => {
    const v1: AnyWireDoc = { id: 'a', name: 'warp', active: true, _deleted: false, serverUpdatedAt: null };
    const v2: AnyWireDoc = { ...v1, name: 'shift' };
    const chained = decidePush(
      'mutable',
      [
        { assumedMasterState: null, newDocumentState: v1 },
        { assumedMasterState: v1, newDocumentState: v2 },
      ],
      new Map(),
    );
    expect(chained).toEqual({ accepted: [v2], conflicts: [] });
    const clash = decidePush(
      'append-only',
      [
        { assumedMasterState: null, newDocumentState: v1 },
        { assumedMasterState: null, newDocumentState: v2 },
      ],
      new Map(),
    );
    expect(clash).toEqual({ accepted: [v1], conflicts: [v1] });
  });
});

describe('optimisticCreates', () => {
  it('picks the creations whose id occurs once in the batch, in batch order', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), (rows) => {
        const picked = optimisticCreates(rows);
        const ids = rows.map((r) => r.newDocumentState.id);
        expect(picked).toEqual(
          rows
            .filter(
              (r) =>
                r.assumedMasterState === null && ids.filter((i) => i === r.newDocumentState.id).length === 1,
            )
            .map((r) => r.newDocumentState),
        );
      }),
    );
  });
});
