import { randomUUID } from "node:crypto";
import { createClient } from "redis";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { createFluxProxy, FluxProxyConfigError } from "../src/index";
import { createRedisStore } from "../src/redis";
import { startRedisServer, type RedisServer } from "./redisServer";
import { storeSuite } from "./storeSuite";

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis.stop());

// each test gets its own prefix on the one server: an empty store of its own
storeSuite("Redis store (url)", () => {
  const store = createRedisStore({ url: redis.url, prefix: `test-${randomUUID()}:` });
  return { store, close: () => store.close() };
});

// a client the app made and connected itself, which the store leaves open
storeSuite("Redis store (client)", async () => {
  const client = createClient({ url: redis.url, disableOfflineQueue: true });
  await client.connect();
  const store = createRedisStore({ client, prefix: `test-${randomUUID()}:` });
  return {
    store,
    close: async () => {
      await store.close();
      expect(client.isOpen).toBe(true);
      await client.close();
    },
  };
});

it("needs exactly one of url and client", () => {
  expect(() => createRedisStore({})).toThrow(FluxProxyConfigError);
  expect(() => createRedisStore({ url: redis.url, client: createClient() })).toThrow(
    /either `url` or `client`/,
  );
});

it("a url unset when the store is made (a build with no secrets) refuses every call: the proxy answers 503, said once", async () => {
  const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    const store = createRedisStore({ url: process.env.FLUX_KIT_TEST_UNSET_REDIS_URL });
    await expect(store.getTask("t")).rejects.toThrow(/`url` is not set/);
    const proxy = createFluxProxy({
      apiKey: "k",
      allowAnonymous: true,
      clientId: () => "u",
      store,
      fetch: () => Promise.reject(new Error("BFL is not asked")),
    });
    for (let i = 0; i < 2; i++) {
      const answer = await proxy(
        new Request("https://app.example/api/flux/v1/flux-2-pro", {
          method: "POST",
          body: '{"prompt":"a fox"}',
        }),
      );
      expect(answer.status).toBe(503);
      expect(((await answer.json()) as { code: string }).code).toBe("store_unavailable");
    }
    expect(errors.mock.calls.filter((call) => String(call[0]).includes("`url` is not set"))).toHaveLength(1);
    await store.close();
  } finally {
    errors.mockRestore();
  }
});

it("a place or claim given up on while Redis is slow is taken back once it answers (no client held at its limit)", async () => {
  const prefix = `test-${randomUUID()}:`;
  const store = createRedisStore({ url: redis.url, prefix, commandTimeoutMs: 150 });
  const admin = createClient({ url: redis.url });
  await admin.connect();
  try {
    // warm the connection and the scripts, then hold every write for longer than the store waits
    expect(await store.reserveSlot("client:a", 1, 60_000)).toBeTypeOf("string");
    await store.releaseTask("none");
    const first = await store.reserveSlot("client:b", 1, 60_000);
    await store.cancelSlot("client:b", first!);
    await admin.sendCommand(["CLIENT", "PAUSE", "600", "WRITE"]);
    await expect(store.reserveSlot("client:b", 1, 60_000)).rejects.toThrow(/did not answer/);
    await expect(store.claim("task-1", "t1", 300_000)).rejects.toThrow(/did not answer/);
    // a write of our own returns when the pause ends; by then the late RESERVE and CLAIM ran (they were sent
    // first), and the commands that undo them follow
    await admin.sendCommand(["SET", `${prefix}probe`, "1"]);
    await expect
      .poll(async () => await admin.sendCommand(["ZCARD", `${prefix}places:client:b`]), { timeout: 10_000 })
      .toBe(0);
    expect(await store.peek("task-1")).toBeUndefined();
    expect(await store.reserveSlot("client:b", 1, 60_000)).toBeTypeOf("string");
  } finally {
    await admin.sendCommand(["CLIENT", "UNPAUSE"]).catch(() => undefined);
    await admin.close();
    await store.close();
  }
});
