import { act } from "@testing-library/react";
import { QueryClient } from "@tanstack/react-query";
import { vi } from "vitest";
import { StrictMode, type ReactNode } from "react";
import { createFluxClient, type FluxClient, type FluxClientOptions } from "@flux-kit/core";
import { createMockBfl, type MockBfl, type MockBflOptions } from "@flux-kit/mock";
import { FluxProvider } from "../src/index";

export const BASE = "https://api.bfl.ai";

export interface Harness {
  readonly mock: MockBfl;
  readonly client: FluxClient;
  readonly queryClient: QueryClient;
  readonly wrapper: (props: { children: ReactNode }) => ReactNode;
  /** Requests the mock served for a route. */
  count(route: "submit" | "poll"): number;
  /**
   * Advances the fake clock by `ms`, then lets requests in flight finish: the mock signs delivery URLs with WebCrypto,
   * which resolves in real time, not fake time. Requests held by a fake-time delay (a latency fault) are not awaited.
   */
  advance(ms: number): Promise<void>;
}

const realSetTimeout = globalThis.setTimeout;
const realPause = (ms: number) => new Promise<void>((resolve) => realSetTimeout(resolve, ms));

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
  const inflight = new Set<Promise<unknown>>();
  const fetch: typeof globalThis.fetch = (input, init) => {
    const promise = mock.fetch(input, init);
    inflight.add(promise);
    const forget = () => inflight.delete(promise);
    promise.then(forget, forget);
    return promise;
  };
  const client = createFluxClient({ baseUrl: BASE, fetch, ...options.client });
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
  const advance = async (ms: number) => {
    await act(() => vi.advanceTimersByTimeAsync(ms));
    for (let i = 0; i < 10 && inflight.size > 0; i++) {
      const before = inflight.size;
      await act(async () => {
        await Promise.race([Promise.allSettled([...inflight]), realPause(50)]);
        await vi.advanceTimersByTimeAsync(0);
      });
      if (inflight.size >= before) break; // only fake-time-delayed requests are left
    }
  };
  return { mock, client, queryClient, wrapper, count, advance };
}
