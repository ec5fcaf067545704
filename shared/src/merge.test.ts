import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clientOwned, docsEqual, mergeDocuments } from './merge.ts';

type Doc = Record<string, unknown>;

const T1 = '2024-05-01T08:00:00.000Z';
const T2 = '2024-05-01T09:00:00.000Z';
const T3 = '2024-05-01T10:00:00.000Z';

// Tiny value domains so that equal and clashing values come up often.
const docArb: fc.Arbitrary<Doc> = fc.record(
  {
    id: fc.constant('wo-1'),
    title: fc.constantFrom('Bracket', 'Hinge', 'Clip'),
    qtyOrdered: fc.integer({ min: 0, max: 3 }),
    priority: fc.constantFrom(1, 3),
    tags: fc.constantFrom([], ['rush'], ['rush', 'petg']),
    dims: fc.constantFrom({ w: 1, h: 2 }, { w: 1, h: 3 }),
    onHold: fc.boolean(),
    updatedAt: fc.constantFrom(T1, T2, T3),
    updatedBy: fc.constantFrom('dev-a', 'dev-b'),
    serverUpdatedAt: fc.constantFrom(null, T1, T3),
    _deleted: fc.boolean(),
  },
  { requiredKeys: ['id', 'updatedAt', 'updatedBy'] },
);

/** A side derived from base: each field kept or replaced, so "unchanged" is common. */
const sideOf = (base: Doc): fc.Arbitrary<Doc> =>
  fc.tuple(docArb, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 })).map(([other, keep]) => {
    const out: Doc = {};
    const keys = new Set([...Object.keys(base), ...Object.keys(other)]);
    [...keys].sort().forEach((k, i) => {
      const v = keep[i] === true ? base[k] : other[k];
      if (v !== undefined) out[k] = v;
    });
    return out;
  });

const triple = docArb.chain((base) => fc.tuple(fc.constant(base), sideOf(base), sideOf(base)));
const tripleMaybeNullBase = fc.tuple(fc.option(docArb, { nil: null }), docArb, docArb);

const view = (d: Doc) => ({ ...clientOwned(d), _deleted: d._deleted === true });

describe('mergeDocuments properties', () => {
  it('merge(base, x, base) = x', () => {
    fc.assert(
      fc.property(triple, ([base, x]) => {
        expect(view(mergeDocuments(base, x, base).merged)).toEqual(view(x));
      }),
    );
  });

  it('merge(base, base, y) = y', () => {
    fc.assert(
      fc.property(triple, ([base, , y]) => {
        const { merged, clashes } = mergeDocuments(base, base, y);
        expect(view(merged)).toEqual(view(y));
        expect(clashes).toEqual([]);
      }),
    );
  });

  it('is symmetric in local and remote (tablets converge), with or without a base', () => {
    fc.assert(
      fc.property(fc.oneof(triple, tripleMaybeNullBase), ([base, l, r]) => {
        const a = mergeDocuments(base, l, r);
        const b = mergeDocuments(base, r, l);
        expect(view(a.merged)).toEqual(view(b.merged));
        expect(a.clashes).toEqual(b.clashes);
      }),
    );
  });

  it('is idempotent: merge(b, m, m) = m', () => {
    fc.assert(
      fc.property(fc.oneof(triple, tripleMaybeNullBase), ([base, l, r]) => {
        const m = mergeDocuments(base, l, r).merged;
        const again = mergeDocuments(base, m, m);
        expect(view(again.merged)).toEqual(view(m));
        expect(again.clashes).toEqual([]);
      }),
    );
  });

  it('keeps every field changed on one side only, and reports no clash for it', () => {
    fc.assert(
      fc.property(triple, ([base, l, r]) => {
        const { merged, clashes } = mergeDocuments(base, l, r);
        for (const k of ['title', 'qtyOrdered', 'priority', 'tags', 'dims', 'onHold']) {
          const lChanged = !docsEqual({ v: l[k] }, { v: base[k] });
          const rChanged = !docsEqual({ v: r[k] }, { v: base[k] });
          if (lChanged && !rChanged) expect(merged[k]).toEqual(l[k]);
          if (rChanged && !lChanged) expect(merged[k]).toEqual(r[k]);
          if (lChanged !== rChanged) expect(clashes).not.toContain(k);
        }
      }),
    );
  });

  it('reports a clash exactly when both sides changed a field to different values', () => {
    fc.assert(
      fc.property(triple, ([base, l, r]) => {
        const { clashes } = mergeDocuments(base, l, r);
        for (const k of ['title', 'qtyOrdered', 'priority', 'tags', 'dims', 'onHold']) {
          const both =
            !docsEqual({ v: l[k] }, { v: base[k] }) &&
            !docsEqual({ v: r[k] }, { v: base[k] }) &&
            !docsEqual({ v: l[k] }, { v: r[k] });
          const sideOnly = docsEqual(l, base) || docsEqual(r, base) || docsEqual(l, r);
          if (!sideOnly) expect(clashes.includes(k)).toBe(both);
        }
      }),
    );
  });

  it('stamps updatedAt with the later of both sides once both edited', () => {
    fc.assert(
      fc.property(triple, ([base, l, r]) => {
        fc.pre(!docsEqual(l, base) && !docsEqual(r, base));
        const { merged } = mergeDocuments(base, l, r);
        const later = String(l.updatedAt) > String(r.updatedAt) ? l.updatedAt : r.updatedAt;
        expect(merged.updatedAt).toBe(later);
      }),
    );
  });
});

const wo = (over: Doc = {}): Doc => ({
  id: 'wo-1',
  title: 'Bracket',
  qtyOrdered: 10,
  priority: 3,
  notes: '',
  updatedAt: T1,
  updatedBy: 'dev-a',
  serverUpdatedAt: T1,
  _deleted: false,
  ...over,
});

describe('mergeDocuments examples', () => {
  it('merges edits to different fields without a clash', () => {
    const base = wo();
    const local = wo({ title: 'Bracket v2', updatedAt: T2, updatedBy: 'dev-a' });
    const remote = wo({ priority: 1, updatedAt: T3, updatedBy: 'dev-b', serverUpdatedAt: T3 });
    const { merged, clashes } = mergeDocuments(base, local, remote);
    expect(merged).toMatchObject({ title: 'Bracket v2', priority: 1, updatedAt: T3, updatedBy: 'dev-b' });
    expect(merged.serverUpdatedAt).toBe(T3);
    expect(clashes).toEqual([]);
  });

  it('resolves a true clash to the later edit, whichever side it is on', () => {
    const base = wo();
    const early = wo({ qtyOrdered: 12, updatedAt: T2, updatedBy: 'dev-z' });
    const late = wo({ qtyOrdered: 20, updatedAt: T3, updatedBy: 'dev-a' });
    expect(mergeDocuments(base, early, late)).toMatchObject({ merged: { qtyOrdered: 20 }, clashes: ['qtyOrdered'] });
    expect(mergeDocuments(base, late, early)).toMatchObject({ merged: { qtyOrdered: 20 }, clashes: ['qtyOrdered'] });
  });

  it('breaks an updatedAt tie on the greater updatedBy', () => {
    const base = wo();
    const a = wo({ title: 'from a', updatedAt: T2, updatedBy: 'dev-a' });
    const b = wo({ title: 'from b', updatedAt: T2, updatedBy: 'dev-b' });
    expect(mergeDocuments(base, a, b).merged).toMatchObject({ title: 'from b', updatedBy: 'dev-b' });
    expect(mergeDocuments(base, b, a).merged).toMatchObject({ title: 'from b', updatedBy: 'dev-b' });
  });

  it('takes serverUpdatedAt from remote and never lets it cause a clash', () => {
    const base = wo({ serverUpdatedAt: T1 });
    const local = wo({ serverUpdatedAt: null });
    const remote = wo({ serverUpdatedAt: T3 });
    const r = mergeDocuments(base, local, remote);
    expect(r.clashes).toEqual([]);
    expect(r.merged.serverUpdatedAt).toBe(T3);
  });

  it('with no base, treats every differing field as a clash', () => {
    const l = wo({ title: 'L', priority: 2, updatedAt: T2 });
    const r = wo({ title: 'R', priority: 2, qtyOrdered: 5, updatedAt: T1 });
    const { merged, clashes } = mergeDocuments(null, l, r);
    expect(clashes).toEqual(['qtyOrdered', 'title']);
    expect(merged).toMatchObject({ title: 'L', qtyOrdered: 10, priority: 2, updatedAt: T2 });
  });

  it('drops RxDB bookkeeping from the result', () => {
    const base = wo();
    const local = { ...wo({ title: 'x', updatedAt: T2 }), _meta: { lwt: 1 }, _rev: '1-a', _attachments: {} };
    const remote = wo({ priority: 5, updatedAt: T2, updatedBy: 'dev-b' });
    const { merged } = mergeDocuments(base, local, remote);
    expect(Object.keys(merged)).not.toContain('_meta');
    expect(Object.keys(merged)).not.toContain('_rev');
    expect(merged).toMatchObject({ title: 'x', priority: 5 });
  });
});

describe('mergeDocuments deletes', () => {
  it('a delete wins over an earlier edit on the other side', () => {
    const base = wo();
    const del = wo({ _deleted: true, updatedAt: T3 });
    const edit = wo({ title: 'edited', updatedAt: T2 });
    expect(mergeDocuments(base, del, edit).merged._deleted).toBe(true);
    expect(mergeDocuments(base, edit, del).merged._deleted).toBe(true);
  });

  it('a delete wins when the updatedAt ties', () => {
    const base = wo();
    const del = wo({ _deleted: true, updatedAt: T2 });
    const edit = wo({ title: 'edited', updatedAt: T2, updatedBy: 'dev-z' });
    expect(mergeDocuments(base, edit, del).merged._deleted).toBe(true);
  });

  it('an edit made after the delete brings the document back, with the edit', () => {
    const base = wo();
    const del = wo({ _deleted: true, updatedAt: T2 });
    const edit = wo({ title: 'still needed', updatedAt: T3 });
    for (const { merged } of [mergeDocuments(base, del, edit), mergeDocuments(base, edit, del)]) {
      expect(merged._deleted).toBe(false);
      expect(merged.title).toBe('still needed');
    }
  });

  it('a delete against an untouched other side is simply a delete', () => {
    const base = wo();
    const del = wo({ _deleted: true, updatedAt: T1 });
    expect(mergeDocuments(base, base, del).merged._deleted).toBe(true);
  });

  it('a restore of a deleted document wins over the side that still has it deleted', () => {
    const base = wo({ _deleted: true });
    const restored = wo({ _deleted: false, updatedAt: T2 });
    const stillDeleted = wo({ _deleted: true, title: 'x', updatedAt: T3 });
    expect(mergeDocuments(base, restored, stillDeleted).merged._deleted).toBe(false);
    expect(mergeDocuments(base, stillDeleted, restored).merged._deleted).toBe(false);
  });
});

describe('docsEqual', () => {
  it('ignores server-owned fields and RxDB bookkeeping', () => {
    expect(docsEqual(wo({ serverUpdatedAt: T1 }), { ...wo({ serverUpdatedAt: T3 }), _rev: '2-x', _meta: {} })).toBe(
      true,
    );
  });

  it('compares nested values deeply and client fields strictly', () => {
    expect(docsEqual({ a: { b: [1, 2] } }, { a: { b: [1, 2] } })).toBe(true);
    expect(docsEqual({ a: { b: [1, 2] } }, { a: { b: [2, 1] } })).toBe(false);
    expect(docsEqual(wo(), wo({ updatedAt: T2 }))).toBe(false);
    expect(docsEqual({ a: 1 }, { a: '1' })).toBe(false);
  });

  it('compares _deleted only when both sides carry it', () => {
    expect(docsEqual(wo({ _deleted: true }), wo({ _deleted: false }))).toBe(false);
    const { _deleted: _, ...noFlag } = wo();
    expect(docsEqual(wo({ _deleted: true }), noFlag)).toBe(true);
  });

  it('treats missing and undefined as the same, and null/undefined docs as equal only to each other', () => {
    expect(docsEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(docsEqual(null, undefined)).toBe(true);
    expect(docsEqual(null, {})).toBe(false);
    expect(docsEqual({ a: null }, { a: undefined })).toBe(false);
  });
});
