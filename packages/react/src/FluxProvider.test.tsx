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

describe("FluxProvider", () => {
  it("useFluxClient throws a sentence saying to add the provider", () => {
    // React 18 also reports a render error before rethrowing it: to the window's `error` event (jsdom prints it
    // with its stack unless a listener handles it) and to console.error. React 19 only throws. Both reports are
    // captured here and must be this error and nothing else.
    const reported: unknown[] = [];
    const onError = (event: ErrorEvent) => {
      event.preventDefault();
      reported.push(event.error);
    };
    window.addEventListener("error", onError);
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => undefined);
    let logged: string[];
    try {
      expect(() => renderHook(() => useFluxClient())).toThrow(/Wrap your app in <FluxProvider/);
    } finally {
      window.removeEventListener("error", onError);
      logged = consoleError.mock.calls.map((args) => String(args[0]));
      consoleError.mockRestore();
    }
    const noProvider = /useFluxClient\(\) found no <FluxProvider>/;
    for (const error of reported) {
      expect(error).toBeInstanceOf(Error);
      expect(String(error)).toMatch(noProvider);
    }
    for (const line of logged) {
      expect(line).toMatch(
        new RegExp(`${noProvider.source}|The above error occurred in the <TestComponent>`),
      );
    }
    if (process.env["EXPECTED_REACT_MAJOR"] === "18") {
      expect(reported.length).toBeGreaterThan(0);
      expect(logged.length).toBeGreaterThan(0);
    } else {
      expect({ reported, logged }).toEqual({ reported: [], logged: [] });
    }
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
