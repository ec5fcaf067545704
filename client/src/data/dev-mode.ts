import type { RxPlugin, RxStorage } from 'rxdb';

export interface DevModeTools {
  RxDBDevModePlugin: RxPlugin;
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
