// Redis stopped mid-run: the proxy refuses what it cannot check with a 503 and a clear `detail` (limits fail
// closed, never silently unlimited), does not crash, and serves again once Redis is back.
import { errorFromResponse } from "@flux-kit/core/internal";
import { startMockServer, type MockServer } from "@flux-kit/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFluxProxy, type ProxyErrorEvent } from "../src/index";
import { createRedisStore, type RedisStore } from "../src/redis";
import { startRedisServer, type RedisServer } from "./redisServer";

const APP = "https://app.example/api/flux";

let redis: RedisServer;
let mock: MockServer;
let store: RedisStore;
beforeAll(async () => {
  redis = await startRedisServer();
  mock = await startMockServer({ clock: "manual", durationMs: 50 });
});
afterAll(async () => {
  await store.close();
  await mock.close();
  await redis.stop();
});

describe("the Redis store when Redis goes away", () => {
  it("answers 503 while Redis is down, runs no hook, and works again when it is back", async () => {
    const connectionErrors: unknown[] = [];
    store = createRedisStore({ url: redis.url, prefix: "outage:", onError: (e) => connectionErrors.push(e) });
    const errors: ProxyErrorEvent[] = [];
    let results = 0;
    const proxy = createFluxProxy({
      apiKey: "mock-key",
      allowAnonymous: true,
      upstream: mock.url,
      clientId: () => "alice",
      limits: { maxActiveTasksPerClient: 2 },
      store,
      onError: (e) => errors.push(e),
      onResult: () => {
        results++;
        return { sample: "https://cdn.example/copy.jpg" };
      },
    });
    const submit = () =>
      proxy(
        new Request(`${APP}/v1/flux-2-pro`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ prompt: "a fox", width: 256, height: 256 }),
        }),
      );

    const first = await submit();
    expect(first.status).toBe(200);
    const task = (await first.json()) as { id: string; polling_url: string };
    await mock.mock.advance(100);

    await redis.stop();
    const refused = await submit();
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("5");
    const body = (await refused.json()) as { detail: string; code: string };
    expect(body.detail).toMatch(/cannot reach its state store/);
    // core's contract code, which its client reads as a retryable server error
    expect(body.code).toBe("store_unavailable");
    expect(errorFromResponse({ status: 503, body }).code).toBe("server");
    // the Ready task's hook cannot be claimed: not run (it could run twice), the client polls again
    const poll = await proxy(new Request(task.polling_url));
    expect(poll.status).toBe(503);
    // a poll without its token cannot be checked for ownership: refused too
    const tokenless = await proxy(new Request(`${APP}/v1/get_result?id=${task.id}`));
    expect(tokenless.status).toBe(503);
    expect(results).toBe(0);
    expect(errors.every((e) => e.kind === "store")).toBe(true);
    expect(errors.length).toBeGreaterThanOrEqual(3);

    await redis.start();
    // the client reconnects by itself: the next requests work again (Redis came back empty)
    await expect.poll(async () => (await submit()).status).toBe(200);
    const again = await proxy(new Request(task.polling_url));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { result: { sample: string } }).result.sample).toBe(
      "https://cdn.example/copy.jpg",
    );
    expect(results).toBe(1);
    expect(connectionErrors.length).toBeGreaterThan(0);
  });
});
