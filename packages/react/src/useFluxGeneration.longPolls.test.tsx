import { act, renderHook } from "@testing-library/react";
import { focusManager, QueryClient, QueryObserver } from "@tanstack/react-query";
import { createFluxClient } from "@flux-kit/core";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { FluxProvider, fluxTaskQueryOptions, useFluxGeneration } from "./index";

// Long polls through the hook: the proxy's answers offer them (`X-Flux-Long-Poll`), so each poll waits for a change
// and the next goes as soon as it answers, through TanStack Query's refetchInterval (where an interval of 0 would
// stop polling altogether).

const OFFER = { "content-type": "application/json", "x-flux-long-poll": "20" };
const answer = (body: unknown) => new Response(JSON.stringify(body), { headers: OFFER });

function proxyStandIn(statuses: readonly string[]) {
  const urls: string[] = [];
  let polls = 0;
  const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    urls.push(url);
    if (init?.method === "POST") {
      return Promise.resolve(
        answer({ id: "t1", polling_url: "https://app.example/api/flux/v1/get_result?id=t1&t=tok" }),
      );
    }
    const status = statuses[Math.min(polls++, statuses.length - 1)]!;
    const result =
      status === "Ready"
        ? { sample: "https://delivery-eu1.bfl.ai/t1.jpg?se=2099-01-01T00%3A00%3A00Z", seed: 1 }
        : null;
    // the proxy held this poll until the status changed: 3 s
    return new Promise((resolve) =>
      setTimeout(() => resolve(answer({ id: "t1", status, result, progress: null })), 3_000),
    );
  };
  return { fetch, urls };
}

/** `useFluxGeneration` for FLUX 3 through a client of `standIn`, its tasks in a query cache kept for the test. */
function renderGeneration(standIn: ReturnType<typeof proxyStandIn>) {
  const client = createFluxClient({ baseUrl: "https://app.example/api/flux", fetch: standIn.fetch });
  const queryClient = new QueryClient({ defaultOptions: { queries: { gcTime: Infinity } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <FluxProvider client={client} queryClient={queryClient}>
      {children}
    </FluxProvider>
  );
  return renderHook(() => useFluxGeneration({ model: "flux-3-image", persist: false }), { wrapper });
}

describe("useFluxGeneration with a proxy that long-polls", () => {
  it("follows each change at once, to the image, naming the status it saw", async () => {
    const standIn = proxyStandIn(["Reasoning", "Generating", "Ready"]);
    const { result } = renderGeneration(standIn);
    act(() => void result.current.generate({ prompt: "a fox" }));
    for (let i = 0; i < 40 && result.current.status !== "ready"; i++) {
      await act(() => vi.advanceTimersByTimeAsync(500));
    }
    expect(result.current.status).toBe("ready");
    expect(standIn.urls.slice(1).map((url) => new URL(url).searchParams.get("seen"))).toEqual([
      "Pending",
      "Reasoning",
      "Generating",
    ]);
  });

  it("runs no refetch timer while a poll is held, and a slow one in a hidden tab (no 1 ms interval spinning)", async () => {
    // TanStack Query polls with setInterval: after a held poll the next delay is 1 ms, which once kept firing
    // every millisecond for as long as the next poll was held (and for ever while the tab was hidden)
    let intervalRuns = 0;
    const realSetInterval = globalThis.setInterval;
    const counting = vi.spyOn(globalThis, "setInterval").mockImplementation((run: () => void, ms?: number) =>
      realSetInterval(() => {
        intervalRuns++;
        run();
      }, ms),
    );
    const standIn = proxyStandIn(["Reasoning", "Generating", "Generating", "Ready"]);
    const { result, unmount } = renderGeneration(standIn);
    act(() => void result.current.generate({ prompt: "a fox" }));
    await act(() => vi.advanceTimersByTimeAsync(3_500));
    // hidden after the first held poll answered: polling pauses, and no timer runs meanwhile
    focusManager.setFocused(false);
    await act(() => vi.advanceTimersByTimeAsync(3_500));
    const hiddenPolls = standIn.urls.length;
    const runsBeforeHidden = intervalRuns;
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(standIn.urls.length).toBe(hiddenPolls);
    // at most one idle tick a second while hidden
    expect(intervalRuns - runsBeforeHidden).toBeLessThanOrEqual(11);
    focusManager.setFocused(true);
    for (let i = 0; i < 40 && result.current.status !== "ready"; i++) {
      await act(() => vi.advanceTimersByTimeAsync(500));
    }
    expect(result.current.status).toBe("ready");
    // each poll held 3 s, four polls: a handful of interval runs in all, not thousands
    expect(intervalRuns).toBeLessThan(20);
    unmount();
    counting.mockRestore();
  });

  it("polls again on return to a tab hidden between polls, also without refetchOnWindowFocus", async () => {
    const standIn = proxyStandIn(["Pending", "Pending", "Pending", "Ready"]);
    const client = createFluxClient({ baseUrl: "https://app.example/api/flux", fetch: standIn.fetch });
    const queryClient = new QueryClient({
      defaultOptions: { queries: { gcTime: Infinity, refetchOnWindowFocus: false } },
    });
    const observer = new QueryObserver(queryClient, {
      ...fluxTaskQueryOptions(client, { id: "t1", model: "flux-2-pro", submittedAt: Date.now() }),
      refetchOnWindowFocus: false,
    });
    const off = observer.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(3_100);
    focusManager.setFocused(false);
    await vi.advanceTimersByTimeAsync(10_000);
    const hidden = standIn.urls.length;
    focusManager.setFocused(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(standIn.urls.length).toBeGreaterThan(hidden);
    off();
  });
});
