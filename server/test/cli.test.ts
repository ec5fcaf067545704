import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthService } from '../src/auth/auth.service.ts';
import { REPO_ROOT } from '../src/paths.ts';
import { BACKEND, createTestDatabase } from './helpers/test-db.ts';
import type { TestDatabase } from './helpers/test-db.ts';

const run = promisify(execFile);
let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase({ persistent: true });
});
afterAll(async () => {
  await testDb.destroy();
});

/** `pnpm printfloor …` minus pnpm: the CLI in its own process, on this file's database. */
async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '8123' };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  if (testDb.url) env.DATABASE_URL = testDb.url;
  if (testDb.dataDir) env.DATA_DIR = testDb.dataDir;
  try {
    const r = await run(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'server/src/cli.ts'), ...args],
      { cwd: join(REPO_ROOT, 'server'), env },
    );
    return { ...r, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe(`admin CLI on ${BACKEND}`, () => {
  it('creates a tenant, enrols a device whose token works, seeds the demo farm, revokes the device', async () => {
    expect((await cli('tenant', 'create', 'acme', '--name', 'Acme Prints')).stdout).toContain(
      'Created tenant "acme" (Acme Prints)',
    );
    const dup = await cli('tenant', 'create', 'acme');
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('already exists');

    const added = await cli('device', 'add', '--tenant', 'acme', 'Bench 3 tablet');
    const token = added.stdout.match(/Token \(shown once, keep it secret\): (\S+)/)?.[1];
    expect(token).toMatch(/^pfd_[A-Za-z0-9_-]{43}$/);
    expect(added.stdout).toContain(`http://localhost:8123/enrol#token=${token}`);
    const deviceId = added.stdout.match(/\(([0-9a-f-]{36})\)/)?.[1];

    const seeded = await cli('seed', '--demo', '--tenant', 'acme');
    expect(seeded.stdout).toMatch(/Demo farm \(\d+ documents\) into "acme": \d+ written/);

    // The token authenticates as that device, until it is revoked.
    const db = await testDb.open();
    const auth = new AuthService(db.orm);
    expect(await auth.authenticate(token!)).toMatchObject({
      ok: true,
      auth: { tenantSlug: 'acme', deviceName: 'Bench 3 tablet' },
    });
    if (BACKEND === 'pglite') await db.close(); // let the CLI have the directory
    expect((await cli('device', 'revoke', '--tenant', 'acme', deviceId!)).stdout).toContain('Revoked');
    const check = await testDb.open();
    expect(await new AuthService(check.orm).authenticate(token!)).toEqual({
      ok: false,
      reason: 'device_revoked',
    });
    await check.close();
  }, 180_000); // five CLI processes, each starting tsx and (on PGlite) a WebAssembly Postgres

  it('explains itself: usage on no command, exit 2 on an unknown one', async () => {
    expect((await cli()).stdout).toContain('usage: pnpm printfloor');
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('device', 'add', 'x')).stderr).toContain('--tenant <slug> is required');
    expect((await cli('tenant', 'create', 'Not A Slug')).stderr).toContain('invalid tenant slug');
  });
});
