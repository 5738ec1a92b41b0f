import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import type { FluxError } from "@flux-kit/core";
import { fluxAllowedModelsQueryOptions } from "./fluxAllowedModelsQueryOptions";
import { useFluxContext } from "./FluxProvider";

/** Options of `useFluxAllowedModels`. */
export interface UseFluxAllowedModelsOptions {
  /**
   * Ask the proxy at all; `false` sends nothing (e.g. when the app names its models itself).
   * @default true
   * @example useFluxAllowedModels({ enabled: models === undefined })
   */
  readonly enabled?: boolean | undefined;
}

/**
 * The ids of the models the provider's proxy allows, in its `allowedModels` order, as a TanStack query over
 * `fluxAllowedModelsQueryOptions`: `data` is `undefined` while loading and when the server does not say (an
 * `error` with `status` 404: BFL itself, or an older proxy) or refuses the caller, so offer every model then.
 *
 * @example
 * const { data: allowed } = useFluxAllowedModels();
 * const offered = allowed ? MY_MODELS.filter((id) => allowed.includes(id)) : MY_MODELS;
 */
export function useFluxAllowedModels(
  options: UseFluxAllowedModelsOptions = {},
): UseQueryResult<string[], FluxError> {
  const { client, queryClient } = useFluxContext("useFluxAllowedModels");
  return useQuery(
    { ...fluxAllowedModelsQueryOptions(client), enabled: options.enabled ?? true },
    queryClient,
  );
}
