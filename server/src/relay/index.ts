/** The printer relay's public surface, for main.ts / app.ts wiring (see README.md in this folder). */
export { startRelay } from './relay.ts';
export { printerStreamRoute, type PrinterStreamOptions } from './printer-stream.routes.ts';
export { PgStatusStore, type RelayDb } from './pg-status-store.ts';
export { MemoryStatusStore, type StatusStore, type StatusSnapshot } from './status-store.ts';
export { loadPrinterConfigs } from './printer-config.repo.ts';
export { startDemoPrinters, withDemoTopics, type DemoPrinters } from './demo-printers.ts';
export type {
  LinkInfo,
  PrinterConfig,
  PrinterEventKind,
  PrinterStateChange,
  Relay,
  RelayListener,
  RelayMetrics,
  RelayOptions,
  RelayUpdate,
} from './relay.types.ts';
