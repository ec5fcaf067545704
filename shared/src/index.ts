export * from './domain/common.ts';
export * from './domain/work-orders.ts';
export * from './domain/step-events.ts';
export * from './domain/spools.ts';
export * from './domain/assets.ts';
export * from './collections.ts';
export * from './rx-schema.ts';
export * from './sync/protocol.ts';
