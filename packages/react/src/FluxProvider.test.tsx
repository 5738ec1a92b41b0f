import { act, renderHook } from "@testing-library/react";
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import {
  FluxProvider,
  fluxTaskQueryKey,
  fluxTaskQueryOptions,
  useFluxClient,
  useFluxGeneration,
} from "./index";
import { harness } from "../test/harness";
import { expectRenderError } from "../test/renderError";

describe("FluxProvider", () => {
  it("useFluxClient throws a sentence saying to add the provider", () => {
    expectRenderError(
      () => renderHook(() => useFluxClient()),
      /useFluxClient\(\) found no <FluxProvider>\. Wrap your app in <FluxProvider/,
    );
  });

  it("defaults to a client for the proxy at /api/flux", () => {
    const { result } = renderHook(() => useFluxClient(), {
      wrapper: ({ children }: { children: ReactNode }) => <FluxProvider>{children}</FluxProvider>,
    });
    expect(result.current.baseUrl).toBe("/api/flux");
  });

  it("uses the app's QueryClient: tasks live in its cache under ['flux', 'task', id]", async () => {
    const h = harness();
    const appClient = new QueryClient({ defaultOptions: { queries: { gcTime: Infinity } } });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={appClient}>
        <FluxProvider client={h.client}>{children}</FluxProvider>
      </QueryClientProvider>
    );
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), { wrapper });
    act(() => void result.current.generate({ prompt: "a fox" }));
    await h.advance(10_000);
    const id = result.current.task!.id;
    expect(appClient.getQueryData(fluxTaskQueryKey(id))).toMatchObject({
      id,
      status: "Ready",
      terminal: true,
    });
    expect(
      appClient.getMutationCache().findAll({ mutationKey: ["flux", "submit", "flux-2-pro"] }),
    ).toHaveLength(1);
  });
});

describe("option factories compose with the app's own hooks", () => {
  it("useQuery(fluxTaskQueryOptions) polls on core's schedule, forwards the signal and stops at the end", async () => {
    const h = harness();
    const job = await h.client.submit("flux-2-pro", { prompt: "a fox" });
    const getResult = vi.spyOn(h.client, "getResult");
    const { result } = renderHook(() => useQuery(fluxTaskQueryOptions(h.client, job)), {
      wrapper: ({ children }) => <QueryClientProvider client={h.queryClient}>{children}</QueryClientProvider>,
    });
    await h.advance(10_000);
    expect(result.current.data?.status).toBe("Ready");
    expect(getResult.mock.calls[0]?.[1]?.signal).toBeInstanceOf(AbortSignal);
    const polls = h.count("poll");
    await h.advance(60_000);
    expect(h.count("poll")).toBe(polls);
  });
});
