// Admin CLI: `pnpm printfloor <command>` from the repository root. Uses the same environment as the
// server (DATABASE_URL, or PGlite under DATA_DIR — stop the server first in that case).
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { AccountError, AccountsService, passwordSchema, roleSchema } from './accounts/accounts.service.ts';
import { DeviceError, DevicesService } from './accounts/devices.service.ts';
import { passwordFromStdin, promptPassword } from './accounts/read-password.ts';
import { ROLES } from './accounts/roles.ts';
import {
  AdminError,
  checkSlug,
  ensureTenant,
  addDevice,
  createTenant,
  listDevices,
  listTenants,
  requireTenant,
} from './admin/admin.service.ts';
import { tenantSeq } from './admin/tenants.repo.ts';
import { openDatabase, databaseOptionsFromEnv, describeDatabase } from './db/database.ts';
import type { Database } from './db/database.ts';
import { seedDemoFarm } from './demo/demo-seed.ts';
import { DEMO_TENANT } from './demo/demo-tenant.ts';
import { EnvError, loadEnv } from './env.ts';
import type { Env } from './env.ts';
import { createLogger } from './logger.ts';
import { SyncService } from './sync/sync.service.ts';

const USAGE = `usage: pnpm printfloor <command>

  tenant create <slug> [--name "Display name"]   create a tenant (a shop)
  tenant list
  device add --tenant <slug> <name>              enrol a tablet; prints its token ONCE
  device list --tenant <slug>
  device revoke [--tenant <slug>] <device-id>    the token stops working at once (open streams too)
  user add --tenant <slug> --role <role> <email> [--password-stdin]
                                                 role: operator | lead | manager | admin; asks for the
                                                 password unless --password-stdin (first line of stdin)
  user reset-password --tenant <slug> <email> [--password-stdin]
                                                 new password; the user's open sessions end
  migrate                                        apply the migrations in drizzle/
  seed --demo [--tenant <slug>]                  load the demo farm into <slug> (default: demo, created
                                                 when absent); repeatable, never overwrites edits

Environment: DATABASE_URL (Postgres) or DATA_DIR (embedded PGlite; stop the server first).`;

type Args = {
  positionals: string[];
  tenant: string | undefined;
  name: string | undefined;
  role: string | undefined;
  demo: boolean;
  passwordStdin: boolean;
};

function parse(argv: string[]): Args {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      name: { type: 'string' },
      demo: { type: 'boolean', default: false },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) positionals.splice(0, positionals.length, 'help');
  return {
    positionals,
    tenant: values.tenant,
    name: values.name,
    role: values.role,
    demo: values.demo ?? false,
    passwordStdin: values['password-stdin'] ?? false,
  };
}

/** A command ready to run; built (and its arguments checked) before the database is opened. */
type Command = (db: Database, env: Env) => Promise<void>;

function command(a: Args): Command | undefined {
  const [group, verb, ...rest] = a.positionals;
  const tenant = () => a.tenant ?? fail('--tenant <slug> is required');
  switch (`${group ?? ''} ${verb ?? ''}`.trim()) {
    case 'tenant create': {
      const slug = rest[0] ?? fail('tenant create <slug> [--name "Display name"]');
      checkSlug(slug); // before the database is opened
      return async (db) => {
        const t = await createTenant(db.orm, slug, a.name);
        console.log(`Created tenant "${t.slug}" (${t.name}).`);
      };
    }
    case 'tenant list':
      return async (db) => console.table(await listTenants(db.orm));
    case 'device add': {
      const [slug, name] = [tenant(), rest.join(' ') || fail('device add --tenant <slug> <name>')];
      return async (db, env) => {
        const { device, token } = await addDevice(db.orm, slug, name);
        console.log(`Enrolled "${device.name}" (${device.id}) in tenant "${slug}".`);
        console.log(`Token (shown once, keep it secret): ${token}`);
        console.log(`Enrol link: http://localhost:${env.PORT}/enrol#token=${token}`);
      };
    }
    case 'device list': {
      const slug = tenant();
      return async (db) => {
        const t = await requireTenant(db.orm, slug);
        console.table((await listDevices(db.orm, t.id)).map(({ tenantId: _t, ...d }) => d));
      };
    }
    case 'device revoke': {
      const id = rest[0] ?? fail('device revoke [--tenant <slug>] <device-id>');
      return async (db) => {
        const tenantId = a.tenant === undefined ? undefined : (await requireTenant(db.orm, a.tenant)).id;
        try {
          // Through the devices service: on Postgres a running server hears of it and closes the device's streams.
          await new DevicesService(db.orm, db.bus).revoke(tenantId, id, 'cli');
        } catch (err) {
          if (err instanceof DeviceError)
            fail(`no active device ${id}${a.tenant ? ` in tenant "${a.tenant}"` : ''}`);
          throw err;
        }
        console.log('Revoked.');
      };
    }
    case 'user add':
    case 'user reset-password':
      return userCommand(a, verb === 'add');
    case 'migrate':
      return (_db, env) => Promise.resolve(console.log(`Migrations applied to ${describeDatabase(env)}.`));
    case 'seed':
      if (!a.demo) fail('seed needs --demo (the only seed there is)');
      return (db) => seed(db, a.tenant ?? DEMO_TENANT);
    default:
      return undefined;
  }
}

/** `user add` / `user reset-password`: arguments checked and the password read before the database opens. */
function userCommand(a: Args, add: boolean): Command {
  const slug = a.tenant ?? fail('--tenant <slug> is required');
  const email =
    a.positionals[2] ??
    fail(
      add ? 'user add --tenant <slug> --role <role> <email>' : 'user reset-password --tenant <slug> <email>',
    );
  const role = add ? roleSchema.safeParse(a.role) : undefined;
  if (role && !role.success) fail(`--role must be one of: ${ROLES.join(', ')}`);
  return async (db) => {
    const password = a.passwordStdin ? await passwordFromStdin() : await promptPassword();
    const checked = passwordSchema.safeParse(password);
    if (!checked.success) fail(`password: ${checked.error.issues[0]?.message ?? 'invalid'}`);
    const t = await requireTenant(db.orm, slug);
    const accounts = new AccountsService(db.orm);
    try {
      if (role?.success) {
        const u = await accounts.createUser(t.id, email, role.data, password);
        await accounts.audit({
          tenantId: t.id,
          actor: 'cli',
          action: 'user.created',
          target: `user:${u.id}`,
          after: { email: u.email, role: u.role },
        });
        console.log(`Created ${u.role} ${u.email} (${u.id}) in tenant "${slug}".`);
      } else {
        const u = await accounts.resetPassword(t.id, email, password);
        await accounts.audit({
          tenantId: t.id,
          actor: 'cli',
          action: 'user.password_reset',
          target: `user:${u.id}`,
        });
        console.log(`New password set for ${u.email}; their open sessions have ended.`);
      }
    } catch (err) {
      if (err instanceof AccountError || err instanceof ZodError)
        fail(err instanceof ZodError ? (err.issues[0]?.message ?? 'invalid') : err.message);
      throw err;
    }
  };
}

async function seed(db: Database, slug: string): Promise<void> {
  // The default demo tenant is created on demand; another slug must exist (a typo never makes a shop).
  const tenant =
    slug === DEMO_TENANT
      ? await ensureTenant(db.orm, slug, 'Demo Print Farm')
      : await requireTenant(db.orm, slug);
  const before = await tenantSeq(db.orm, tenant.id);
  const report = await seedDemoFarm(new SyncService(db), tenant.id);
  const n = Object.values(report.counts).reduce((x, y) => x + y, 0);
  const written = (await tenantSeq(db.orm, tenant.id)) - before;
  console.log(
    `Demo farm (${n} documents) into "${tenant.slug}": ${written} written, ${n - written - report.conflicts} already there, ` +
      `${report.conflicts} already there with other content (left untouched).`,
  );
}

function fail(message: string): never {
  throw new AdminError(message);
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const cmd = command(args);
  if (!cmd) {
    console.log(USAGE);
    const asked = args.positionals.length === 0 || args.positionals[0] === 'help';
    if (!asked) process.exitCode = 2;
    return;
  }
  const env = loadEnv();
  const db = await openDatabase(databaseOptionsFromEnv(env, createLogger(env.LOG_LEVEL)));
  try {
    // Every command may be the first on a fresh database: migrating is idempotent and cheap.
    await db.migrate();
    await cmd(db, env);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  const known =
    err instanceof AdminError ||
    err instanceof EnvError ||
    (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
  console.error(known || err instanceof Error ? (err as Error).message : err);
  if (known && !(err instanceof EnvError)) console.error(`\n${USAGE}`);
  process.exit(1);
});
