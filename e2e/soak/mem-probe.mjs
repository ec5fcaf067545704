// Loaded with `--import` into the soak's server process only (server-process.ts), never into the
// product: answers the soak harness over the IPC channel with the server's memory figures, after a
// forced full GC (the process runs with --expose-gc) so the harness compares live memory, not
// garbage that V8 has not collected yet. Optionally writes a heap snapshot for a leak hunt.
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';

if (typeof process.send === 'function') {
  process.on('message', (m) => {
    if (!m || m.type !== 'soak:mem') return;
    if (m.gc && typeof globalThis.gc === 'function') {
      // Twice: the first pass can leave objects that only die once their finalizers ran.
      globalThis.gc();
      globalThis.gc();
    }
    const u = process.memoryUsage();
    const h = getHeapStatistics();
    const snapshot = m.snapshot ? writeHeapSnapshot(m.snapshot) : undefined;
    process.send?.({
      type: 'soak:mem',
      id: m.id,
      rss: u.rss,
      heapUsed: u.heapUsed,
      heapTotal: u.heapTotal,
      external: u.external,
      arrayBuffers: u.arrayBuffers,
      nativeContexts: h.number_of_native_contexts,
      detachedContexts: h.number_of_detached_contexts,
      snapshot,
    });
  });
  // The channel must not keep the server alive on its own (a SIGTERM shutdown exits as usual).
  process.channel?.unref();
}
