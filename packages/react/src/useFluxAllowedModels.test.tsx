import { act, renderHook } from "@testing-library/react";
import { QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { createFluxClient, FluxError } from "@flux-kit/core";
import { MODELS_ROUTE_PATH, modelsRouteBody } from "@flux-kit/core/internal";
import {
  FluxProvider,
  fluxAllowedModelsQueryKey,
  fluxAllowedModelsQueryOptions,
  useFluxAllowedModels,
} from "./index";
import { harness } from "../test/harness";
import { expectRenderError } from "../test/renderError";

const BASE = "https://app.example/api/flux";

/** A client whose server answers the models route the way `@flux-kit/proxy` does for `allowedModels: ids`. */
function proxyAllowing(ids: readonly string[]) {
  const requests: string[] = [];
  const client = createFluxClient({
    baseUrl: BASE,
    fetch: (input) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      requests.push(url);
      return Promise.resolve(
        url === `${BASE}${MODELS_ROUTE_PATH}`
          ? new Response(modelsRouteBody(ids), { headers: { "content-type": "application/json" } })
          : Response.json({ detail: "Not Found" }, { status: 404 }),
      );
    },
  });
  const queryClient = new QueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <FluxProvider client={client} queryClient={queryClient}>
      {children}
    </FluxProvider>
  );
  return { client, queryClient, wrapper, requests };
}

/**
 * Waits for the query the hook started (the same fetch, not another) to settle, then for TanStack's notify
 * timer (a zero-delay fake timer) to hand the result to the hook.
 */
async function settled(queryClient: QueryClient, client: ReturnType<typeof createFluxClient>) {
  await act(async () => {
    await queryClient.fetchQuery(fluxAllowedModelsQueryOptions(client)).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(0);
  });
}

describe("useFluxAllowedModels", () => {
  it("reads the proxy's allowlist once, in its order, keyed by the client's base URL", async () => {
    const p = proxyAllowing(["flux-kontext-pro", "flux-2-pro"]);
    const { result } = renderHook(() => useFluxAllowedModels(), { wrapper: p.wrapper });
    expect(result.current.data).toBeUndefined();
    expect(result.current.isPending).toBe(true);
    await settled(p.queryClient, p.client);
    expect(result.current.data).toEqual(["flux-kontext-pro", "flux-2-pro"]);
    expect(p.requests).toEqual([`${BASE}/v1/models`]);
    expect(p.queryClient.getQueryData(fluxAllowedModelsQueryKey(BASE))).toEqual([
      "flux-kontext-pro",
      "flux-2-pro",
    ]);
  });

  it("where the route is missing (BFL, or the mock standing in for it) ends in an error of status 404, asked once", async () => {
    const h = harness();
    const { result } = renderHook(() => useFluxAllowedModels(), { wrapper: h.wrapper });
    await h.advance(60_000);
    expect(result.current.status).toBe("error");
    expect(result.current.data).toBeUndefined();
    expect(result.current.error).toBeInstanceOf(FluxError);
    expect(result.current.error).toMatchObject({ status: 404 });
    expect(h.mock.requests.map((r) => new URL(r.url).pathname)).toEqual(["/v1/models"]);
  });

  it("enabled: false sends nothing", async () => {
    const h = harness();
    const { result } = renderHook(() => useFluxAllowedModels({ enabled: false }), { wrapper: h.wrapper });
    await h.advance(1000);
    expect(result.current.data).toBeUndefined();
    expect(result.current.fetchStatus).toBe("idle");
    expect(h.mock.requests).toHaveLength(0);
  });

  it("without a provider, says how to add one", () => {
    expectRenderError(
      () => renderHook(() => useFluxAllowedModels()),
      /useFluxAllowedModels\(\) found no <FluxProvider>/,
    );
  });
});
