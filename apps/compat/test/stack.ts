import http from "node:http";
import type { AddressInfo } from "node:net";
import { startMockServer, type MockServer, type StartMockServerOptions } from "@flux-kit/mock";
import { createNodeHandler } from "@flux-kit/proxy/node";

/** The mock BFL on loopback (polls on their own regional host, as BFL's are) and `@flux-kit/proxy` in front of it. */
export interface Stack {
  readonly mock: MockServer;
  /** Where the proxy is mounted: `{proxy}/api/flux`. */
  readonly base: string;
  close(): Promise<void>;
}

export async function startStack(options: StartMockServerOptions = {}): Promise<Stack> {
  // short runs; FLUX 3's long enough that a poll every 10-20 ms sees its Reasoning and Generating stages
  const durationMs = (model: string) => (model === "flux-3-image" ? 600 : 40);
  const mock = await startMockServer({ pollingPort: 0, durationMs, seed: 3, ...options });
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
  return {
    mock,
    base: `http://127.0.0.1:${port}/api/flux`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await mock.close();
    },
  };
}
