// `ours` (the /node adapter) for run.ts's store section, in its own process: the in-memory or the Redis store,
// with or without the proxy's webhooks. Argument 1 is the variant (`memory`, `redis`, `memory+webhooks` or
// `redis+webhooks`), 2 the upstream, 3 the Redis URL. Every variant has the same options: the per-client limit
// on (high enough that no submit is refused, since no task ever ends here) and clients told apart by
// X-Forwarded-For. A separate bundle from server.ts, so node-redis is not loaded into the other proxies.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createMemoryStore, type ProxyStore } from "@flux-kit/proxy";
import { createNodeHandler, type FluxProxyOptions } from "@flux-kit/proxy/node";
import { createRedisStore } from "@flux-kit/proxy/redis";

const [variant = "memory", upstream = "", redisUrl = ""] = process.argv.slice(2);
const [store, extra] = variant.split("+");

const options: FluxProxyOptions = {
  apiKey: "bfl_bench_key",
  allowAnonymous: true,
  upstream,
  imageProxy: { allowedOrigins: [upstream] },
  // one hop (the benchmark's loopback peer) is trusted: its X-Forwarded-For names the client
  trustProxy: true,
  limits: { maxActiveTasksPerClient: 256 },
  // BFL is never asked to deliver here (the benchmark's upstream ignores the webhook fields): a poll of a task
  // awaiting its webhook answers Pending from the store, without a request upstream
  ...(extra === "webhooks" && {
    webhooks: {
      publicUrl: "https://proxy.bench.invalid/api/flux/v1/webhook",
      secret: "bench-webhook-secret-0123456789",
    },
  }),
};

/** The Redis store keeps its connection across resets (the parent flushes the database); memory starts anew. */
const redis = store === "redis" ? createRedisStore({ url: redisUrl }) : undefined;
const freshStore = (): ProxyStore => redis ?? createMemoryStore();
let proxy = createNodeHandler({ ...options, store: freshStore() });

const server = http.createServer((req, res) => void proxy(req, res));
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: (server.address() as AddressInfo).port }));

process.on("message", (msg: string) => {
  if (msg === "cpu") {
    const c = process.cpuUsage();
    process.send?.({ cpu: c.user + c.system });
  } else if (msg === "reset") {
    // each measurement starts from an empty store: no client's places or tasks carried over
    proxy = createNodeHandler({ ...options, store: freshStore() });
    process.send?.({ reset: true });
  }
});
process.on("SIGINT", () => process.exit(0));
