export * from './status.ts';
export { MAX_PAYLOAD_BYTES } from './coerce.ts';
export * from './bambu.ts';
export {
  hmsCodeText,
  hmsSeverity,
  hmsError,
  printError,
  amsSlotLabel,
  activeTray,
  BAMBU_CANCEL_ERROR,
} from './bambu-codes.ts';
export * from './octoprint.ts';
export * from './moonraker.ts';
export * from './native.ts';
export * from './stream.ts';
