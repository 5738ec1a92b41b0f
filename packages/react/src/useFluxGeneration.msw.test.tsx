import { act, renderHook } from "@testing-library/react";
import { QueryClient } from "@tanstack/react-query";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import type { ReactNode } from "react";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { FluxCreditsError, FluxModerationError, FluxRateLimitError, type FluxResult } from "@flux-kit/core";
import { createMockBfl, createMockHandlers, type MockBfl, type MockBflOptions } from "@flux-kit/mock/msw";
import { FluxProvider, useFluxClient, useFluxGeneration } from "./index";
import { advanceFakeTime } from "../test/advanceFakeTime";

/**
 * The default path an app takes: `<FluxProvider baseUrl>` with no client and no custom fetch, so the core client
 * calls the global `fetch` — answered here by the mock's MSW handlers mounted where a proxy would be (`/api/flux`
 * on the page's origin). The global fetch is wrapped to throw "Illegal invocation" when called as a method of
 * anything but `globalThis`, as browsers do, so an unbound-call regression fails here and not only in a browser.
 */
const BASE_URL = "/api/flux";

let mock: MockBfl;
const server = setupServer();
/** Requests MSW is handling, each settled by its `request:end` event. */
const inflight = new Map<string, Promise<void>>();
const ended = new Map<string, () => void>();
server.events.on("request:start", ({ requestId }) => {
  inflight.set(requestId, new Promise<void>((resolve) => ended.set(requestId, resolve)));
});
server.events.on("request:end", ({ requestId }) => {
  ended.get(requestId)?.();
  ended.delete(requestId);
  inflight.delete(requestId);
});

/** Waits, in real time, for the requests MSW is handling (the mock signs URLs with WebCrypto in real time). */
async function settle(): Promise<void> {
  while (inflight.size > 0) {
    const now = [...inflight.values()];
    await act(async () => {
      await Promise.all(now);
      await vi.advanceTimersByTimeAsync(0);
    });
  }
}

/** Fake time forward one timer at a time, letting the requests each timer started finish before the next. */
const advance = (ms: number) => advanceFakeTime(ms, settle);

const count = (route: "submit" | "poll") => mock.requests.filter((r) => r.route === route).length;

function useMock(options: MockBflOptions = {}) {
  mock = createMockBfl({ requireAuth: false, seed: 7, durationMs: 4000, ...options });
  server.use(...createMockHandlers(mock, { baseUrl: BASE_URL }));
}

function wrapper({ children }: { children: ReactNode }) {
  return (
    <FluxProvider baseUrl={BASE_URL} queryClient={queryClient}>
      {children}
    </FluxProvider>
  );
}

let queryClient: QueryClient;

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());
beforeEach(() => {
  queryClient = new QueryClient({
    defaultOptions: { queries: { gcTime: Infinity }, mutations: { gcTime: Infinity } },
  });
  const mswFetch = globalThis.fetch;
  vi.stubGlobal("fetch", function fetch(this: unknown, ...args: Parameters<typeof globalThis.fetch>) {
    if (this !== undefined && this !== globalThis) throw new TypeError("Illegal invocation");
    return mswFetch(...args);
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  server.resetHandlers();
  inflight.clear();
  ended.clear();
});

describe("useFluxGeneration over the global fetch against the mock's MSW handlers", () => {
  it("uses a default client with no custom fetch", () => {
    useMock();
    const { result } = renderHook(() => useFluxClient(), { wrapper });
    expect(result.current.baseUrl).toBe(BASE_URL);
  });

  it("text-to-image: submitting → pending (progress) → ready, one submit, polling stops", async () => {
    // BFL's typical flux-2-pro run, the client's prior for it: its polls land inside the run
    useMock({ durationMs: 12_000 });
    const onReady = vi.fn();
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro", onReady }), { wrapper });
    let promise!: Promise<FluxResult>;
    act(() => {
      promise = result.current.generate({ prompt: "a red fox in snow" });
    });
    expect(result.current.status).toBe("submitting");
    await advance(0);
    expect(result.current.status).toBe("pending");
    expect(result.current.task?.id).toMatch(/^[0-9a-f-]{36}$/);
    // until a poll reports more than half done (the run lasts 12 s)
    for (let t = 0; t < 12_000 && !((result.current.progress ?? 0) > 0.5); t += 250) await advance(250);
    expect(result.current.status).toBe("pending");
    expect(result.current.progress).toBeGreaterThan(0.5);
    await advance(20_000);
    expect(result.current.status).toBe("ready");
    // delivery URLs are served on the page's origin under the mount, signed with an expiry
    expect(result.current.imageUrl).toMatch(/\/api\/flux\/results\/.+se=/);
    expect(result.current.expiresAt).toBeInstanceOf(Date);
    const done = await promise;
    expect(onReady).toHaveBeenCalledWith(done);
    expect(done.seed).toEqual(expect.any(Number));
    expect(count("submit")).toBe(1);
    const polls = count("poll");
    await advance(60_000);
    expect(count("poll")).toBe(polls);
  });

  it("a moderated prompt ends as moderated after the first poll", async () => {
    useMock();
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), { wrapper });
    act(() => void result.current.generate({ prompt: "a fox [mock:request-moderated]" }));
    await advance(20_000);
    expect(result.current.status).toBe("moderated");
    expect(result.current.error).toBeInstanceOf(FluxModerationError);
    expect((result.current.error as FluxModerationError).stage).toBe("request");
    expect((result.current.error as FluxModerationError).reasons).toContain("Sexual Content");
    expect(count("poll")).toBe(1);
  });

  it("402 (no credits) is surfaced as failed with FluxCreditsError and nothing is polled", async () => {
    useMock({ credits: 0 });
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), { wrapper });
    act(() => void result.current.generate({ prompt: "a fox" }));
    await advance(0);
    expect(result.current.status).toBe("failed");
    expect(result.current.error).toBeInstanceOf(FluxCreditsError);
    expect(result.current.error?.status).toBe(402);
    expect(count("poll")).toBe(0);
  });

  it("429 (too many active tasks) is surfaced with retryAfterMs once the client's retries are spent", async () => {
    useMock({ maxActiveTasks: 1, retryAfter: 7 });
    const first = renderHook(() => useFluxGeneration({ model: "flux-2-pro", persist: false }), { wrapper });
    const second = renderHook(() => useFluxGeneration({ model: "flux-2-pro", persist: false }), { wrapper });
    act(() => void first.result.current.generate({ prompt: "[mock:stuck]" }));
    await advance(0);
    expect(first.result.current.status).toBe("pending");
    act(() => void second.result.current.generate({ prompt: "another fox" }));
    for (let i = 0; i < 12 && second.result.current.status === "submitting"; i++) await advance(10_000);
    expect(second.result.current.status).toBe("failed");
    expect(second.result.current.error).toBeInstanceOf(FluxRateLimitError);
    expect(second.result.current.error?.status).toBe(429);
    expect((second.result.current.error as FluxRateLimitError).retryAfterMs).toBe(7000);
    expect(count("submit")).toBeGreaterThan(2); // the client retried the 429 (no task was created) first
  });

  it("a result the proxy persisted (onResult returned a permanent sample) never turns expired", async () => {
    useMock();
    // what the proxy answers when its onResult hook stored the image and returned the copy's URL
    server.use(
      http.get(`${BASE_URL}/v1/get_result`, async ({ request }) => {
        const outcome = await mock.handle(request, { basePath: BASE_URL });
        if (outcome.kind === "reset") return HttpResponse.error();
        const body = (await outcome.response.json()) as { id: string; result?: { sample?: string } | null };
        if (body.result?.sample) body.result.sample = `https://cdn.app.test/kept/${body.id}.jpeg`;
        return HttpResponse.json(body, { status: outcome.response.status });
      }),
    );
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), { wrapper });
    act(() => void result.current.generate({ prompt: "a fox" }));
    await advance(12_000);
    expect(result.current.status).toBe("ready");
    expect(result.current.imageUrl).toMatch(/^https:\/\/cdn\.app\.test\/kept\//);
    expect(result.current.result?.expiresAt).toBeUndefined();
    expect(result.current.expiresAt).toBeUndefined();
    await advance(30 * 60_000);
    expect(result.current.status).toBe("ready");
  });

  it("a delivery URL turns expired after its lifetime", async () => {
    useMock({ deliveryTtlMs: 60_000 });
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), { wrapper });
    act(() => void result.current.generate({ prompt: "a fox" }));
    await advance(12_000);
    expect(result.current.status).toBe("ready");
    const expiresAt = result.current.expiresAt!.getTime();
    await advance(expiresAt - Date.now() + 1);
    expect(result.current.status).toBe("expired");
    expect(result.current.error?.code).toBe("expired");
  });
});
