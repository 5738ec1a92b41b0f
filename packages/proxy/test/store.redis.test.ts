import { randomUUID } from "node:crypto";
import { createClient } from "redis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FluxProxyConfigError } from "../src/index";
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
