"use client";
export { FluxProvider, useFluxClient, type FluxProviderProps } from "./FluxProvider";
export { useFluxGeneration } from "./useFluxGeneration";
export { useFluxResult } from "./useFluxResult";
export { useFluxJobs, type UseFluxJobsOptions, type UseFluxJobsResult } from "./useFluxJobs";
export { useFluxAllowedModels, type UseFluxAllowedModelsOptions } from "./useFluxAllowedModels";
export { fluxAllowedModelsQueryKey, fluxAllowedModelsQueryOptions } from "./fluxAllowedModelsQueryOptions";
export { fluxTaskQueryKey, fluxTaskQueryOptions, type FluxTaskQueryExtras } from "./fluxTaskQueryOptions";
export { fluxSubmitMutationKey, fluxSubmitMutationOptions } from "./fluxSubmitMutationOptions";
export type {
  FluxGenerationStatus,
  FluxGenerate,
  FluxGenerateOptions,
  FluxGenerationView,
  FluxPersistOptions,
  FluxWatchActions,
  FluxWatchOptions,
  GenerateInput,
  NoDefaults,
  UseFluxGenerationOptions,
  UseFluxGenerationResult,
  UseFluxResultOptions,
  UseFluxResultResult,
} from "./types";
