import { describe, expect, it } from "vitest";
import { createFluxProxy, createMemoryStore, FluxProxyConfigError, type ProxyStore } from "../src/index";
import { createFakeBfl, TEST_KEY } from "./fakeBfl";
import { post } from "./helpers";
import { storeSuite } from "./storeSuite";

storeSuite("memory store", () => ({ store: createMemoryStore() }));

describe("the store option", () => {
  it("refuses a store that is not a ProxyStore", () => {
    expect(() => createFluxProxy({ allowAnonymous: true, store: {} as unknown as ProxyStore })).toThrow(
      FluxProxyConfigError,
    );
  });

  it("shares one limit between proxies given the same store", async () => {
    const store = createMemoryStore();
    const fake = createFakeBfl();
    const [a, b] = [0, 1].map(() =>
      createFluxProxy({
        apiKey: TEST_KEY,
        allowAnonymous: true,
        fetch: fake.fetch,
        clientId: () => "alice",
        limits: { maxActiveTasksPerClient: 1 },
        store,
      }),
    );
    expect((await a!(post("/v1/flux-2-pro", { prompt: "x" }))).status).toBe(200);
    expect((await b!(post("/v1/flux-2-pro", { prompt: "x" }))).status).toBe(429);
  });

  it("answers 503, never unlimited, when the store fails", async () => {
    const broken = new Proxy(createMemoryStore(), {
      get: () => () => Promise.reject(new Error("store down")),
    });
    const fake = createFakeBfl();
    const proxy = createFluxProxy({
      apiKey: TEST_KEY,
      allowAnonymous: true,
      fetch: fake.fetch,
      clientId: () => "alice",
      store: broken,
      onError: () => undefined,
    });
    const res = await proxy(post("/v1/flux-2-pro", { prompt: "x" }));
    expect(res.status).toBe(503);
    expect(fake.calls).toHaveLength(0);
  });

  it("refuses at the account cap with its own 429, before BFL is asked (no wait in line)", async () => {
    const fake = createFakeBfl();
    const proxy = createFluxProxy({
      apiKey: TEST_KEY,
      allowAnonymous: true,
      fetch: fake.fetch,
      clientId: (request) => request.headers.get("x-user") ?? "anonymous",
      limits: { maxActiveTasks: 3, queueWaitMs: 0 },
    });
    const answers = await Promise.all(
      ["a", "b", "c", "d"].map((user) => proxy(post("/v1/flux-2-pro", { prompt: "x" }, { "x-user": user }))),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 429]);
    expect(fake.calls).toHaveLength(3);
    expect(() => createFluxProxy({ allowAnonymous: true, limits: { maxActiveTasks: 0 } })).toThrow(
      /maxActiveTasks/,
    );
  });
});
