/** Every drizzle table of the server (the migrations are generated from the same files). */
export * from './schema/replicated.ts';
export * from './schema/server.ts';
export * from './schema/accounts.ts';
