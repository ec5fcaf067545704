#!/usr/bin/env node
// Leak hunt for the soak (SOAK_HEAP_SNAPSHOTS=<dir> writes the server's heap after warm-up and at
// the end): `node e2e/soak/heap-diff.mjs <warm.heapsnapshot> <end.heapsnapshot>` prints the object
// kinds whose count or retained-by-self size grew most between the two.
import { readFileSync } from 'node:fs';

function census(file) {
  const snap = JSON.parse(readFileSync(file, 'utf8'));
  const f = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((k) => f.indexOf(k));
  const n = f.length;
  const out = new Map();
  const nodes = snap.nodes;
  for (let i = 0; i < nodes.length; i += n) {
    const type = types[nodes[i + iType]];
    const name = type === 'object' || type === 'closure' ? snap.strings[nodes[i + iName]] : `(${type})`;
    const key = `${type === 'closure' ? 'fn ' : ''}${name}`;
    const e = out.get(key) ?? { count: 0, bytes: 0 };
    e.count++;
    e.bytes += nodes[i + iSize];
    out.set(key, e);
  }
  return out;
}

const [a, b] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: heap-diff.mjs <before.heapsnapshot> <after.heapsnapshot>');
  process.exit(2);
}
const before = census(a);
const after = census(b);
const rows = [...new Set([...before.keys(), ...after.keys()])].map((k) => {
  const x = before.get(k) ?? { count: 0, bytes: 0 };
  const y = after.get(k) ?? { count: 0, bytes: 0 };
  return {
    kind: k.slice(0, 60),
    count: y.count,
    dCount: y.count - x.count,
    kib: Math.round(y.bytes / 1024),
    dKiB: Math.round((y.bytes - x.bytes) / 1024),
  };
});
const total = (m) => [...m.values()].reduce((s, e) => s + e.bytes, 0) / 1024;
console.log(`self size: ${Math.round(total(before))} KiB → ${Math.round(total(after))} KiB`);
console.log('by size growth:');
console.table(rows.sort((p, q) => q.dKiB - p.dKiB).slice(0, 15));
console.log('by count growth:');
console.table(rows.sort((p, q) => q.dCount - p.dCount).slice(0, 15));
