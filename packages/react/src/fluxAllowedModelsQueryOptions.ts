import { queryOptions } from "@tanstack/react-query";
import type { FluxClient, FluxError } from "@flux-kit/core";

/**
 * The query key of the models a proxy allows: `["flux", "allowed-models", baseUrl]`, one per proxy.
 * @example queryClient.invalidateQueries({ queryKey: fluxAllowedModelsQueryKey(client.baseUrl) })
 */
export function fluxAllowedModelsQueryKey(baseUrl: string) {
  return ["flux", "allowed-models", baseUrl] as const;
}

/**
 * TanStack Query options that read the models the client's `@flux-kit/proxy` allows (`client.allowedModels()`,
 * `GET {baseUrl}/v1/models`; the query's `signal` aborts it): key `["flux", "allowed-models", baseUrl]`, fresh for
 * five minutes (the list changes when the server is redeployed), not refetched on focus. No TanStack retries: the
 * client already retries reads, and a server that has no such route (BFL itself, an older proxy) answers 404,
 * which ends the query as an error that means "not known".
 *
 * @example
 * const client = useFluxClient();
 * const { data: allowed } = useQuery(fluxAllowedModelsQueryOptions(client)); // undefined while unknown
 */
export function fluxAllowedModelsQueryOptions(client: FluxClient) {
  return queryOptions<string[], FluxError, string[], ReturnType<typeof fluxAllowedModelsQueryKey>>({
    queryKey: fluxAllowedModelsQueryKey(client.baseUrl),
    queryFn: ({ signal }) => client.allowedModels({ signal }),
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
    retry: false,
  });
}
