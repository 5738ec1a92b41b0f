// One instance of the fleet in test/fleet.processes.test.ts, in a process of its own: the Node adapter over the
// Redis store, configured from its environment (`FleetInstanceEnv`). It prints `listening 127.0.0.1:PORT` once it
// serves, reports each `onError` event as a `fleet-error {json}` line on stderr, and on SIGTERM (or when its
// stdin ends: the test that started it is gone) closes its server and its store, then exits 0.
// Run: node --import tsx --conditions=@flux-kit/source test/fleetInstance.ts   (with the variables below set)
import type { AddressInfo } from "node:net";
import { createNodeHandler } from "../src/node";
import { createRedisStore } from "../src/redis";

/** The environment the fleet test starts each instance with (every value a string, as environments are). */
export interface FleetInstanceEnv {
  /** The shared redis-server, `redis://127.0.0.1:PORT`. */
  readonly REDIS_URL: string;
  /** The Redis key prefix every instance of one fleet shares. */
  readonly REDIS_PREFIX: string;
  /** The mock's API origin. */
  readonly UPSTREAM: string;
  /** The mock's delivery origin, for the image route. */
  readonly DELIVERY_URL: string;
  /** Where `onResult` POSTs each task id. */
  readonly RECORDER_URL: string;
  /** `limits.maxActiveTasksPerClient`. */
  readonly PER_CLIENT_LIMIT: string;
  /** `limits.maxActiveTasks`. */
  readonly ACCOUNT_LIMIT: string;
  /** `limits.queueWaitMs`. */
  readonly QUEUE_WAIT_MS: string;
  /** With `WEBHOOK_SECRET`, turns the proxy's `webhooks` on: the balancer's URL of the webhook route. */
  readonly WEBHOOK_URL?: string;
  readonly WEBHOOK_SECRET?: string;
}

/** The variable `name`, which the test must have set. */
function setting(name: keyof FleetInstanceEnv): string {
  const value = process.env[name];
  if (value === undefined || value === "")
    throw new Error(`fleetInstance.ts needs ${name} in its environment.`);
  return value;
}

/** A numeric variable. */
const numeric = (name: keyof FleetInstanceEnv): number => {
  const value = Number(setting(name));
  if (Number.isNaN(value)) throw new Error(`${name} is not a number.`);
  return value;
};

const recorder = setting("RECORDER_URL");
const webhookUrl = process.env["WEBHOOK_URL"];
const store = createRedisStore({ url: setting("REDIS_URL"), prefix: setting("REDIS_PREFIX") });
const proxy = createNodeHandler({
  apiKey: "mock-key",
  allowAnonymous: true,
  upstream: setting("UPSTREAM"),
  store,
  // the balancer in front is on loopback: its X-Forwarded-Host names the public origin
  trustProxy: ["loopback"],
  clientId: (request) => request.headers.get("x-user") ?? "anonymous",
  limits: {
    maxActiveTasksPerClient: numeric("PER_CLIENT_LIMIT"),
    maxActiveTasks: numeric("ACCOUNT_LIMIT"),
    queueWaitMs: numeric("QUEUE_WAIT_MS"),
  },
  imageProxy: { allowedOrigins: [setting("DELIVERY_URL")] },
  ...(webhookUrl && { webhooks: { publicUrl: webhookUrl, secret: setting("WEBHOOK_SECRET") } }),
  onResult: async ({ taskId }) => {
    const answer = await fetch(recorder, { method: "POST", body: taskId });
    if (!answer.ok) throw new Error(`the recorder answered ${answer.status}`);
    // nothing returned: BFL's URL stays, rewritten to the image route
  },
  onError: ({ kind, route, taskId, error }) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`fleet-error ${JSON.stringify({ kind, route, taskId, message })}\n`);
  },
});

const server = await proxy.listen(0, "127.0.0.1");
const { port } = server.address() as AddressInfo;
process.stdout.write(`listening 127.0.0.1:${port}\n`);

let closing: Promise<void> | undefined;
/** Stops serving, closes the store's connections, and exits: 0 when all of it closed. */
const shutdown = () =>
  (closing ??= (async () => {
    // a store or socket that will not close does not keep the process: it exits 1 instead
    setTimeout(() => process.exit(1), 10_000).unref();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
    await store.close();
  })().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  ));
process.on("SIGTERM", () => void shutdown());
process.stdin.on("end", () => void shutdown());
process.stdin.resume();
