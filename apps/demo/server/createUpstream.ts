import { createFluxClient, type FluxClient, type Region } from "@flux-kit/core";
import { createMockBfl } from "@flux-kit/mock";
import type { FluxProxyOptions } from "@flux-kit/proxy/node";

/** Where the demo's proxy sends requests. */
export type UpstreamMode = "mock" | "live";
export type { Region };

export interface UpstreamOptions {
  readonly mode: UpstreamMode;
  /** The key the proxy sends upstream. In mock mode the mock accepts exactly this key. */
  readonly apiKey: string;
  /** BFL region (live mode). @default "global" */
  readonly region?: Region | undefined;
  /** How much faster than BFL the mock runs (mock mode). @default 1 */
  readonly mockSpeed?: number | undefined;
  /** Seed of the mock's random draws (ids, durations, image seeds), for repeatable runs. @default random */
  readonly mockSeed?: number | undefined;
}

/** The upstream half of the demo: the proxy's options, a server-side client and an image fetcher. */
export interface Upstream {
  readonly mode: UpstreamMode;
  readonly region: Region;
  /** `apiKey`, `upstream`, `fetch` and `imageProxy` for `createNodeHandler`. */
  readonly proxyOptions: Pick<FluxProxyOptions, "apiKey" | "upstream" | "fetch" | "imageProxy">;
  /** A keyed client for the server's own polling (it never leaves the server). */
  readonly client: FluxClient;
  /** Fetches a delivery URL BFL (or the mock) returned. */
  fetchImage(url: string, signal?: AbortSignal): Promise<Response>;
  close(): void;
}

/**
 * The simulated origin of the in-process mock. `.invalid` never resolves, so nothing can reach it except through
 * `mock.fetch`; the proxy's `fetch` option routes every upstream call (submits, polls, images) there.
 */
export const MOCK_ORIGIN = "http://mock-bfl.invalid";

/**
 * Real BFL (live) or the in-process `@flux-kit/mock` (mock). In mock mode the mock runs inside this process: its
 * `fetch` handler stands in for the network, and it accepts only the proxy's key, so the key path is exercised
 * exactly as against BFL.
 *
 * @example
 * const upstream = createUpstream({ mode: "mock", apiKey: "mock-key", mockSpeed: 4 });
 */
export function createUpstream(options: UpstreamOptions): Upstream {
  const region = options.region ?? "global";
  if (options.mode === "live") {
    return {
      mode: "live",
      region,
      proxyOptions: { apiKey: options.apiKey, upstream: region },
      client: createFluxClient({ apiKey: options.apiKey, region, maxConcurrent: Infinity }),
      fetchImage: (url, signal) => fetch(url, { redirect: "error", ...(signal ? { signal } : {}) }),
      close: () => undefined,
    };
  }
  const mock = createMockBfl({
    apiKeys: [options.apiKey],
    speed: options.mockSpeed ?? 1,
    ...(options.mockSeed !== undefined ? { seed: options.mockSeed } : {}),
  });
  const mockFetch = mock.fetch;
  return {
    mode: "mock",
    region,
    proxyOptions: {
      apiKey: options.apiKey,
      upstream: MOCK_ORIGIN,
      fetch: mockFetch,
      imageProxy: { allowedOrigins: [MOCK_ORIGIN] },
    },
    client: createFluxClient({
      apiKey: options.apiKey,
      baseUrl: MOCK_ORIGIN,
      fetch: mockFetch,
      maxConcurrent: Infinity,
    }),
    fetchImage: (url, signal) => mockFetch(url, signal ? { signal } : {}),
    close: () => mock.close(),
  };
}
