import http from "node:http";
import type { AddressInfo } from "node:net";
import { startMockServer, type MockServer, type StartMockServerOptions } from "@flux-kit/mock";
import { createNodeHandler } from "@flux-kit/proxy/node";

/**
 * The mock BFL on loopback (polls on their own regional host, as BFL's are) and `@flux-kit/proxy` in front of it.
 * The mock's clock is manual: time moves only when a poll has been answered (`fetch`), so what a client sees does
 * not depend on how fast the machine is.
 */
export interface Stack {
  readonly mock: MockServer;
  /** Where the proxy is mounted: `{proxy}/api/flux`. */
  readonly base: string;
  /** The global fetch, moving the mock's clock on by `POLL_STEP_MS` after each poll it answers. */
  readonly fetch: typeof globalThis.fetch;
  close(): Promise<void>;
}

/** Simulated time between two polls. */
export const POLL_STEP_MS = 50;

export async function startStack(options: StartMockServerOptions = {}): Promise<Stack> {
  // short runs in simulated time; FLUX 3's spans several polls, so each of its stages is seen
  const durationMs = (model: string) => (model === "flux-3-image" ? 1000 : 40);
  const mock = await startMockServer({ pollingPort: 0, clock: "manual", durationMs, seed: 3, ...options });
  const handler = createNodeHandler({
    apiKey: "mock-key",
    allowAnonymous: true,
    upstream: mock.url,
    allowedPollingOrigins: [mock.pollingUrl],
    imageProxy: { allowedOrigins: [mock.deliveryUrl] },
  });
  const server = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const advancing: typeof globalThis.fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url.includes("/v1/get_result")) await mock.mock.advance(POLL_STEP_MS);
    return response;
  };
  return {
    mock,
    base: `http://127.0.0.1:${port}/api/flux`,
    fetch: advancing,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await mock.close();
    },
  };
}
