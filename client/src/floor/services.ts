import type { PrintfloorClient } from '../data/client.ts';
import { FloorCommands } from './commands.ts';
import { FloorIndex } from './floor-index.ts';
import { browserKeyValue, type KeyValue } from './key-value.ts';
import { OperatorSessions } from './operator-session.ts';
import { PinStore } from './pin.ts';
import { StationStore } from './station.ts';
import { UndoStack } from './undo-stack.ts';

/** The floor's device-local services, one set per open database (per tenant). */
export interface FloorServices {
  index: FloorIndex;
  station: StationStore;
  operators: OperatorSessions;
  pins: PinStore;
  undo: UndoStack;
  commands: FloorCommands;
}

/** The stores that must exist before the database opens (the writer stamps the operator id). */
export function floorStores(tenantSlug: string, kv: KeyValue = browserKeyValue()) {
  return {
    station: new StationStore(kv, tenantSlug),
    operators: new OperatorSessions(kv, tenantSlug),
    pins: new PinStore(kv, tenantSlug),
  };
}

export function floorServices(
  client: PrintfloorClient,
  stores: ReturnType<typeof floorStores>,
): FloorServices {
  const undo = new UndoStack();
  const index = new FloorIndex(client.db);
  const commands = new FloorCommands({ client, undo, onAction: () => stores.operators.touch() });
  return { ...stores, index, undo, commands };
}
