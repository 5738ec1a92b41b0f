export {
  GENERATION_STATUSES,
  isActiveStatus,
  isSettledStatus,
  statusOfError,
  statusOfSnapshot,
  type FluxGenerationStatus,
} from "./generationStatus";
export {
  IDLE_GENERATION,
  reduceGeneration,
  type FluxGenerationState,
  type GenerationEvent,
} from "./generationState";
export {
  decodeGenerationRecord,
  encodeGenerationRecord,
  type FluxStorage,
  type GenerationRecord,
} from "./generationRecord";
export {
  createGenerationPersistence,
  sessionStorageIfAny,
  type GenerationPersistence,
  type GenerationPersistenceOptions,
} from "./generationPersistence";
export { pollingWatcher, type TaskWatch, type TaskWatcher, type TaskWatchListener } from "./taskWatcher";
export { stableKey } from "./stableKey";
export {
  createGenerationController,
  toJob,
  type GenerationCallbacks,
  type GenerationController,
  type GenerationControllerOptions,
} from "./createGenerationController";
