import { act } from "@testing-library/react";
import { QueryClient } from "@tanstack/react-query";
import { vi } from "vitest";
import { StrictMode, type ReactNode } from "react";
import { createFluxClient, type FluxClient, type FluxClientOptions } from "@flux-kit/core";
import { DurationEstimator } from "@flux-kit/core/internal";
import { createMockBfl, type MockBfl, type MockBflOptions, type MockRequestLog } from "@flux-kit/mock";
import { FluxProvider } from "../src/index";
import { advanceFakeTime } from "./advanceFakeTime";

export const BASE = "https://api.bfl.ai";

export interface Harness {
  readonly mock: MockBfl;
  readonly client: FluxClient;
  readonly queryClient: QueryClient;
  readonly wrapper: (props: { children: ReactNode }) => ReactNode;
  /** Requests the mock served for a route. */
  count(route: "submit" | "poll"): number;
  /**
   * Advances the fake clock by `ms` one timer at a time, letting the requests each timer started finish before the
   * next fires: the mock signs delivery URLs with WebCrypto, which resolves in real time, not fake time. Requests
   * held by a fake-time delay (a latency fault) are not awaited: moving time on releases them.
   */
  advance(ms: number): Promise<void>;
}

/**
 * A BFL mock on the (faked) real clock, a client that talks to it through `mock.fetch` (no key: as behind the
 * proxy), and a QueryClient whose caches never schedule GC timers (so tests can assert that no timer is left).
 */
export function harness(
  options: {
    mock?: MockBflOptions;
    client?: FluxClientOptions;
    strict?: boolean;
    queryClient?: QueryClient;
  } = {},
): Harness {
  const mock = createMockBfl({ requireAuth: false, seed: 1, durationMs: 4000, ...options.mock });
  // The client's prior for each model is BFL's live typical duration (12 s for flux-2-pro); this mock runs every
  // task for `durationMs`, so the client is told that, as it would learn after a few runs.
  const duration = options.mock?.durationMs;
  const typicalMs = typeof duration === "number" ? duration : 4000;
  // each request in flight, with the mock's log entry for it (written as the request starts)
  const inflight = new Map<Promise<unknown>, MockRequestLog | undefined>();
  const fetch: typeof globalThis.fetch = (input, init) => {
    const last = mock.requests.at(-1);
    const promise = mock.fetch(input, init);
    const entry = mock.requests.at(-1);
    inflight.set(promise, entry === last ? undefined : entry);
    const forget = () => inflight.delete(promise);
    promise.then(forget, forget);
    return promise;
  };
  /** Waits, in real time, for every request in flight that is not held by a fake-time latency fault. */
  const settle = async () => {
    const running = () => [...inflight].filter(([, entry]) => entry?.fault !== "latency").map(([p]) => p);
    for (let now = running(); now.length > 0; now = running()) {
      await act(async () => {
        await Promise.allSettled(now);
        await vi.advanceTimersByTimeAsync(0);
      });
    }
  };
  const client = createFluxClient({
    baseUrl: BASE,
    fetch,
    ...options.client,
    poll: { estimator: new DurationEstimator(() => typicalMs), ...options.client?.poll },
  });
  const queryClient =
    options.queryClient ??
    new QueryClient({ defaultOptions: { queries: { gcTime: Infinity }, mutations: { gcTime: Infinity } } });
  const wrapper = ({ children }: { children: ReactNode }) => {
    const tree = (
      <FluxProvider client={client} queryClient={queryClient}>
        {children}
      </FluxProvider>
    );
    return options.strict ? <StrictMode>{tree}</StrictMode> : tree;
  };
  const count = (route: "submit" | "poll") => mock.requests.filter((r) => r.route === route).length;
  const advance = (ms: number) => advanceFakeTime(ms, settle);
  return { mock, client, queryClient, wrapper, count, advance };
}
