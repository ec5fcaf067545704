/** Automatic consumption and step linking for the printer relay (issue 5); see filament.ts for the rules. */
export {
  createConsumption,
  consumptionId,
  RELAY_DEVICE_ID,
  type ConsumptionHooks,
} from './consumption.service.ts';
export {
  findRunningStep,
  findJobStart,
  loadedSpools,
  type RunningStep,
  type JobStart,
} from './consumption.repo.ts';
export { planConsumption, gramsFromLength, densityOf, DENSITY_G_CM3 } from './filament.ts';
