import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { AccountsService } from '../src/accounts/accounts.service.ts';
import { addDevice } from '../src/admin/admin.service.ts';
import { auditLog } from '../src/db/tables.ts';
import { REPO_ROOT } from '../src/paths.ts';
import { Browser } from './helpers/browser.ts';
import { spawnServer } from './helpers/spawn-server.ts';
import { BACKEND, createTestDatabase } from './helpers/test-db.ts';
import type { TestDatabase } from './helpers/test-db.ts';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase({ persistent: true });
});
afterAll(async () => testDb.destroy());

/** The CLI in its own process on this file's database, `stdin` piped in. */
function cli(stdin: string, ...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  if (testDb.url) env.DATABASE_URL = testDb.url;
  if (testDb.dataDir) env.DATA_DIR = testDb.dataDir;
  const p = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'server/src/cli.ts'), ...args], {
    cwd: join(REPO_ROOT, 'server'),
    env,
  });
  let stdout = '';
  let stderr = '';
  p.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  p.stdin.end(stdin);
  return new Promise((resolve) => p.once('exit', (code) => resolve({ stdout, stderr, code: code ?? 1 })));
}

/** `user add --tenant shop --role <role> <email> --password-stdin`, the password piped in. */
const userAdd = (password: string, role: string, email: string) =>
  cli(password, 'user', 'add', '--tenant', 'shop', '--role', role, email, '--password-stdin');

describe(`first run and user CLI on ${BACKEND}`, () => {
  it('a fresh database prints a one-time setup link (no default password); it makes the first admin', async () => {
    const server = await spawnServer({ db: { url: testDb.url, dataDir: testDb.dataDir } });
    let link: string | undefined;
    try {
      link = server.output().match(/\/setup#code=(\S+)/)?.[1];
      expect(link).toBeDefined();
      const b = new Browser(server.url);
      const made = await b.request('POST', '/api/setup', {
        code: link,
        email: 'owner@farm.example',
        password: 'owner password 1',
      });
      expect(made.status).toBe(200);
      expect(made.body).toMatchObject({ user: { role: 'admin' } });
    } finally {
      await server.stop();
    }
    // Once a user exists, no new link is printed.
    const again = await spawnServer({ db: { url: testDb.url, dataDir: testDb.dataDir } });
    await again.stop();
    expect(again.output()).not.toContain('/setup#code=');
  });

  it('user add (password on stdin), reset-password, and refuses bad input', async () => {
    const added = await userAdd('operator pass 123\n', 'operator', 'Ann@Farm.example');
    expect(added.stdout).toContain('Created operator ann@farm.example');
    const dup = await userAdd('operator pass 123\n', 'operator', 'ann@farm.example');
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('already exists');
    const badRole = await userAdd('x\n', 'boss', 'x@farm.example');
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('--role must be one of');
    const short = await userAdd('short\n', 'lead', 'y@farm.example');
    expect(short.code).toBe(1);

    const reset = await cli(
      'a brand new pass\n',
      'user',
      'reset-password',
      '--tenant',
      'shop',
      'ann@farm.example',
      '--password-stdin',
    );
    expect(reset.stdout).toContain('New password set for ann@farm.example');

    const db = await testDb.open();
    try {
      const accounts = new AccountsService(db.orm);
      await expect(accounts.login('ann@farm.example', 'operator pass 123')).rejects.toThrow();
      expect((await accounts.login('ann@farm.example', 'a brand new pass')).user.role).toBe('operator');
    } finally {
      await db.close();
    }
  });

  it('device revoke <id> (no --tenant needed) revokes and audits under the device’s tenant', async () => {
    const db = await testDb.open();
    let id: string;
    let tenantId: string;
    try {
      const { device, tenant } = await addDevice(db.orm, 'shop', 'Bench 1');
      [id, tenantId] = [device.id, tenant.id];
    } finally {
      await db.close();
    }
    expect((await cli('', 'device', 'revoke', id)).stdout).toContain('Revoked.');
    const again = await cli('', 'device', 'revoke', id);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`no active device ${id}`);
    expect((await cli('', 'device', 'revoke', 'not-an-id')).code).toBe(1);
    const check = await testDb.open();
    try {
      const rows = await check.orm.select().from(auditLog).where(eq(auditLog.action, 'device.revoked'));
      expect(rows.map((r) => [r.target, r.tenantId, r.actor])).toEqual([[`device:${id}`, tenantId, 'cli']]);
    } finally {
      await check.close();
    }
  });
});
