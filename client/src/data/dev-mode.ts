import type { RxPlugin, RxStorage } from 'rxdb';

export interface DevModeTools {
  /** Absent: validate documents only, without dev-mode's schema checks. */
  RxDBDevModePlugin?: RxPlugin;
  wrappedValidateAjvStorage: (args: { storage: RxStorage<unknown, unknown> }) => RxStorage<unknown, unknown>;
}

export type DevModeLoader = () => Promise<DevModeTools>;

/** Loads RxDB's dev-mode plugin and the ajv validator (dev builds and tests only). */
export const loadDevMode: DevModeLoader = async () => {
  const [dev, ajv] = await Promise.all([import('rxdb/plugins/dev-mode'), import('rxdb/plugins/validate-ajv')]);
  dev.disableWarnings();
  return {
    RxDBDevModePlugin: dev.RxDBDevModePlugin,
    wrappedValidateAjvStorage: (args) => ajv.wrappedValidateAjvStorage<unknown, unknown>(args),
  };
};

/**
 * Document validation without dev-mode's schema checks, for the browser's dev build: dev-mode
 * refuses `parts.revision` (a reserved RxDocument name, see rx-schemas.test.ts) until shared
 * renames it. Validation still catches every malformed write.
 */
export const loadValidationOnly: DevModeLoader = async () => {
  const ajv = await import('rxdb/plugins/validate-ajv');
  return { wrappedValidateAjvStorage: (args) => ajv.wrappedValidateAjvStorage<unknown, unknown>(args) };
};
