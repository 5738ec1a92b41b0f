import { QueryClient, QueryClientContext } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { createFluxClient, type FluxClient } from "@flux-kit/core";

/** Props of `FluxProvider`. */
export interface FluxProviderProps {
  /**
   * The client every hook below uses. Wins over `baseUrl`.
   * @default createFluxClient({ baseUrl })
   * @example <FluxProvider client={createFluxClient({ baseUrl: "/api/flux", maxConcurrent: 4 })}>
   */
  readonly client?: FluxClient | undefined;
  /**
   * Where your `@flux-kit/proxy` route is mounted, when no `client` is given. Never put the API key in a browser.
   * @default "/api/flux"
   * @example <FluxProvider baseUrl="https://example.com/api/flux">
   */
  readonly baseUrl?: string | undefined;
  /**
   * The TanStack Query client for task queries and submit mutations.
   * @default the app's `QueryClientProvider` client if there is one, else a private one
   */
  readonly queryClient?: QueryClient | undefined;
  readonly children?: ReactNode;
}

interface FluxContextValue {
  readonly client: FluxClient;
  readonly queryClient: QueryClient;
}

const FluxContext = createContext<FluxContextValue | null>(null);

/**
 * Provides the FLUX client (and a TanStack Query client) to `useFluxGeneration`, `useFluxResult` and
 * `useFluxClient`. Uses the app's `QueryClient` when there is one, so tasks show up in its cache and devtools.
 *
 * @example
 * <QueryClientProvider client={queryClient}>
 *   <FluxProvider baseUrl="/api/flux"><App /></FluxProvider>
 * </QueryClientProvider>
 */
export function FluxProvider({ client, baseUrl = "/api/flux", queryClient, children }: FluxProviderProps) {
  const appQueryClient = useContext(QueryClientContext);
  const ownClient = useMemo(() => (client ? undefined : createFluxClient({ baseUrl })), [client, baseUrl]);
  const [ownQueryClient] = useState(() => (queryClient || appQueryClient ? undefined : new QueryClient()));
  const resolvedQueryClient = queryClient ?? appQueryClient ?? ownQueryClient;
  useEffect(() => {
    // Refetch on focus/reconnect needs a mounted QueryClient; mounting is reference-counted, so this is harmless
    // for the app's own (already mounted by its QueryClientProvider) and required for a private or passed one.
    if (!resolvedQueryClient) return;
    resolvedQueryClient.mount();
    return () => resolvedQueryClient.unmount();
  }, [resolvedQueryClient]);
  const resolvedClient = client ?? ownClient;
  const value = useMemo(
    () =>
      resolvedClient && resolvedQueryClient
        ? { client: resolvedClient, queryClient: resolvedQueryClient }
        : null,
    [resolvedClient, resolvedQueryClient],
  );
  return <FluxContext.Provider value={value}>{children}</FluxContext.Provider>;
}

/** The provider's clients, or an error that says how to fix a missing provider. @internal */
export function useFluxContext(hook: string): FluxContextValue {
  const value = useContext(FluxContext);
  if (!value) {
    throw new Error(
      `${hook}() found no <FluxProvider>. Wrap your app in <FluxProvider baseUrl="/api/flux"> ` +
        `(or <FluxProvider client={createFluxClient(…)}>) from @flux-kit/react.`,
    );
  }
  return value;
}

/**
 * The `FluxClient` of the nearest `FluxProvider`, for direct calls (`credits()`, `download()`) or for the
 * option factories. Throws, saying to add the provider, when there is none.
 *
 * @example
 * const client = useFluxClient();
 * const { data } = useQuery(fluxTaskQueryOptions(client, taskId));
 */
export function useFluxClient(): FluxClient {
  return useFluxContext("useFluxClient").client;
}
