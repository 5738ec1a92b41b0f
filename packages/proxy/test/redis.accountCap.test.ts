// The account-wide cap across instances: three proxies sharing one Redis never send BFL (the mock, at BFL's
// own caps) a task over 24 active, or over 6 for flux-kontext-max; they answer their own 429 first.
import { startMockServer, type MockServer } from "@flux-kit/mock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { FluxProxyHandler } from "../src/index";
import type { RedisStore } from "../src/redis";
import { startRedisServer, type RedisServer } from "./redisServer";
import { sharedProxies } from "./sharedProxies";

const APP = "https://app.example/api/flux";

let redis: RedisServer;
let mock: MockServer;
const stores: RedisStore[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await mock.close();
});
afterAll(() => redis.stop());

/** `count` proxies at the account cap of 24; `queueWaitMs: 0` (a 429 at once) unless `queueWaitMs` is given. */
async function instances(count: number, queueWaitMs = 0): Promise<FluxProxyHandler[]> {
  mock = await startMockServer({ clock: "manual", durationMs: 50 });
  return sharedProxies(count, {
    redisUrl: redis.url,
    upstream: mock.url,
    stores,
    options: {
      limits: { maxActiveTasks: 24, maxActiveTasksPerClient: Infinity, queueWaitMs },
      imageProxy: { allowedOrigins: [mock.deliveryUrl] },
    },
  });
}

const submit = (proxy: FluxProxyHandler, user: string, model = "flux-2-pro") =>
  proxy(
    new Request(`${APP}/v1/${model}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-user": user },
      body: JSON.stringify({ prompt: "a fox", width: 256, height: 256 }),
    }),
  );

const mockSubmits = () => mock.mock.requests.filter((r) => r.route === "submit");

describe("the account cap, shared in Redis", () => {
  it("puts 200 parallel submits over three instances in one line: all run, 24 at a time, none refused", async () => {
    const proxies = await instances(3, 120_000);
    const forwarded: { url: string; user: string }[] = [];
    const answers = Array.from({ length: 200 }, (_, i) => {
      const user = `u${i % 10}`;
      return submit(proxies[i % 3]!, user).then(async (answer) => {
        if (answer.status === 200) {
          forwarded.push({ url: ((await answer.json()) as { polling_url: string }).polling_url, user });
        }
        return answer.status;
      });
    });
    let polled = 0;
    // each round: the mock ends the tasks it has, and each is polled through the next instance, freeing its place
    // for whichever instance holds the oldest waiting submit
    for (let round = 0; polled < 200; round++) {
      expect(round, "rounds").toBeLessThan(200);
      await expect.poll(() => forwarded.length, { timeout: 10_000 }).toBeGreaterThan(polled);
      expect(forwarded.length - polled, "active at once").toBeLessThanOrEqual(24);
      await mock.mock.advance(100);
      for (const [i, { url, user }] of forwarded.slice(polled).entries()) {
        const poll = await proxies[(i + round) % 3]!(new Request(url, { headers: { "x-user": user } }));
        expect(((await poll.json()) as { status: string }).status).toBe("Ready");
        polled++;
      }
    }
    expect(await Promise.all(answers)).toEqual(Array.from({ length: 200 }, () => 200));
    expect(mockSubmits()).toHaveLength(200);
    expect(mockSubmits().every((r) => r.status === 200)).toBe(true);
  });

  it("accepts 24 of 40 parallel submits across instances, and the mock serves no 429", async () => {
    const proxies = await instances(3);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => submit(proxies[i % 3]!, `u${i % 5}`)),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(24);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(16);
    expect(refused.every((a) => a.headers.get("retry-after") === "5")).toBe(true);
    expect(mockSubmits()).toHaveLength(24);
    expect(mockSubmits().every((r) => r.status === 200)).toBe(true);
  });

  it("keeps flux-kontext-max to 6 and frees the places when polls see tasks end", async () => {
    const proxies = await instances(2);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => submit(proxies[i % 2]!, "alice", "flux-kontext-max")),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(6);
    expect(mockSubmits().every((r) => r.status === 200)).toBe(true);
    // a smaller model cap takes no more than its own from the account: other models still go through
    expect((await submit(proxies[0]!, "bob")).status).toBe(200);
    expect((await submit(proxies[1]!, "bob", "flux-kontext-max")).status).toBe(429);

    const accepted = await Promise.all(
      answers
        .filter((a) => a.status === 200)
        .map(async (a) => ((await a.json()) as { polling_url: string }).polling_url),
    );
    await mock.mock.advance(100);
    // each task polled through the other instance: its end frees its places for every instance
    for (const [i, url] of accepted.entries()) {
      const poll = await proxies[(i + 1) % 2]!(new Request(url, { headers: { "x-user": "alice" } }));
      expect(((await poll.json()) as { status: string }).status).toBe("Ready");
    }
    expect((await submit(proxies[1]!, "carol", "flux-kontext-max")).status).toBe(200);
    expect(mockSubmits().every((r) => r.status === 200)).toBe(true);
  });
});
