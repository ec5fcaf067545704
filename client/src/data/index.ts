/**
 * The tablet's data layer: framework-free (no React), so screens, e2e tests and benchmarks in
 * Node use the very same database, writer and replication.
 */
export * from './api-client.ts';
export * from './change-stream.ts';
export * from './client.ts';
export * from './conflict-handlers.ts';
export * from './database.ts';
export * from './ids.ts';
export * from './journal.ts';
export * from './journal-schema.ts';
export * from './sync-engine.ts';
export * from './sync-errors.ts';
export * from './sync-status.ts';
export * from './writes.ts';
export * from './dev-mode.ts';
export * from './push-hold.ts';
export * from './undo-plan.ts';
