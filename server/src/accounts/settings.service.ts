import type { Executor } from '../db/executor.ts';
import { withTenant } from '../db/tenant-scope.ts';
import { insertAudit } from './accounts.repo.ts';
import { findSettings, upsertSettings } from './pins.repo.ts';

/** Shop-wide settings a manager sets (issue 7): for now, when a tablet signs an idle operator out. */
export interface TenantSettings {
  /** Minutes without an action before the tablet signs its operator out. */
  operatorIdleMinutes: number;
}

export const DEFAULT_SETTINGS: TenantSettings = { operatorIdleMinutes: 30 };
/** A minute is the least that lets anyone work; a 12 h shift is the most that still means "idle". */
export const IDLE_MINUTES_RANGE = { min: 1, max: 720 } as const;

export class SettingsService {
  constructor(
    readonly db: Executor,
    readonly now: () => Date = () => new Date(),
  ) {}

  async get(tenantId: string): Promise<TenantSettings> {
    const row = await withTenant(this.db, tenantId, (tx) => findSettings(tx, tenantId));
    return row ?? DEFAULT_SETTINGS;
  }

  /** Stores the settings and audits the change with its before and after. */
  async set(
    tenantId: string,
    next: TenantSettings,
    actor: string,
    ip: string | null,
  ): Promise<TenantSettings> {
    const before = await this.get(tenantId);
    await withTenant(this.db, tenantId, (tx) =>
      upsertSettings(tx, { tenantId, ...next, updatedBy: actor, updatedAt: this.now() }),
    );
    await insertAudit(this.db, { tenantId, actor, ip, action: 'settings.changed', before, after: next });
    return next;
  }
}
