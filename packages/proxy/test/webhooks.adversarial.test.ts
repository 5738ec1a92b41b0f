// An adversarial pass over the proxy's own webhooks (`createFluxProxy({ webhooks })`): forged, replayed and
// hostile deliveries, status strings BFL may send, races between a delivery and its submit, the store failing,
// configurations an operator may write, and the transports that hand the raw body over. Every upstream call goes
// to the in-process mock through an injected `fetch` (no host name is resolved); time is the mock's manual clock
// and the memory store's injected one.
import express from "express";
import { apiResolver } from "next/dist/server/api-utils/node/api-resolver";
import { signWebhook, type WebhookScheme } from "@flux-kit/core";
import { createMockBfl, type MockBfl, type MockWebhookOptions } from "@flux-kit/mock";
import { afterEach, describe, expect, it } from "vitest";
import {
  createFluxProxy,
  createMemoryStore,
  FluxProxyConfigError,
  type FluxProxyHandler,
  type FluxProxyOptions,
  type ProxyErrorEvent,
  type ProxyLogEvent,
  type ProxyStore,
} from "../src/index";
import { createExpressHandler } from "../src/express";
import { createPagesHandler } from "../src/nextPages";
import { createRedisStore, type RedisStore } from "../src/redis";
import { startRedisServer, type RedisServer } from "./redisServer";
import { raw, serve } from "./wire";

const SECRET = "whsec-test-0123456789abcdef";
const APP = "https://app.example/api/flux";
const WEBHOOK = `${APP}/v1/webhook`;
const DELIVERY = "https://delivery-eu.bfl.ai";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const submitRequest = (body: object = { prompt: "a fox" }, user = "user-1", model = "flux-2-pro") =>
  new Request(`${APP}/v1/${model}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-user": user },
    body: JSON.stringify(body),
  });

/** A delivery signed with `secret` under `scheme`, posted to `proxy`'s webhook route. */
async function send(
  proxy: FluxProxyHandler,
  payload: object | string,
  scheme: WebhookScheme = "hmac-sha256",
  url = WEBHOOK,
): Promise<Response> {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const headers = await signWebhook({ body, secret: SECRET, scheme });
  return proxy(
    new Request(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body }),
  );
}

/** One delivery the mock made, and the proxy's status for it. */
interface Delivery {
  readonly headers: Headers;
  readonly body: string;
  readonly status: number;
}

/**
 * The in-process mock (manual clock, 50 ms tasks) as the proxy's `fetch`; its webhooks go straight to the proxy's
 * handler and `delivered()` resolves with the next one once the proxy answered it. The client is `x-user`.
 */
function rig(options: Partial<FluxProxyOptions> = {}, hooks: MockWebhookOptions = {}) {
  const done: Delivery[] = [];
  const waiting: ((delivery: Delivery) => void)[] = [];
  const ref: { proxy?: FluxProxyHandler } = {};
  const mock: MockBfl = createMockBfl({
    clock: "manual",
    durationMs: 50,
    // samples on a BFL delivery host, as BFL's are (the mock's default is the API origin)
    deliveryOrigin: DELIVERY,
    webhooks: {
      retryDelaysMs: [],
      ...hooks,
      fetch: async (request) => {
        const headers = new Headers(request.headers);
        const body = await request.clone().text();
        const answer = await ref.proxy!(request);
        const delivery = { headers, body, status: answer.status };
        const next = waiting.shift();
        if (next) next(delivery);
        else done.push(delivery);
        return answer;
      },
    },
  });
  const logs: ProxyLogEvent[] = [];
  const errors: ProxyErrorEvent[] = [];
  const upstream: string[] = [];
  const sent: string[] = [];
  const proxy = (ref.proxy = createFluxProxy({
    apiKey: "mock-key",
    allowAnonymous: true,
    upstream: "https://api.bfl.ai",
    fetch: (input, init) => {
      upstream.push(input instanceof Request ? input.url : String(input));
      if (typeof init?.body === "string") sent.push(init.body);
      return mock.fetch(input, init);
    },
    clientId: (request) => request.headers.get("x-user") ?? "user-1",
    logger: (event) => logs.push(event),
    onError: (event) => errors.push(event),
    ...options,
    webhooks: { publicUrl: WEBHOOK, secret: SECRET, ...options.webhooks },
  }));
  const delivered = () =>
    new Promise<Delivery>((resolve) => {
      const ready = done.shift();
      if (ready !== undefined) resolve(ready);
      else waiting.push(resolve);
    });
  const submit = async (body?: object, user?: string) => {
    const answer = await proxy(submitRequest(body, user));
    expect(answer.status).toBe(200);
    return (await answer.json()) as { id: string; polling_url: string };
  };
  const poll = async (pollingUrl: string, user = "user-1") => {
    const answer = await proxy(new Request(pollingUrl, { headers: { "x-user": user } }));
    return (await answer.json()) as {
      status: string;
      result?: { sample?: string } | null;
      details?: unknown;
    };
  };
  const upstreamPolls = () => mock.requests.filter((r) => r.route === "poll").length;
  return { mock, proxy, logs, errors, upstream, sent, delivered, submit, poll, upstreamPolls };
}

/** A memory store whose methods can be made to fail one by one, and that records the keys `settle` wrote. */
function faultyStore(now?: () => number) {
  const memory = createMemoryStore(now ? { now } : {});
  const down = new Set<keyof ProxyStore>();
  const settled: string[] = [];
  const store = Object.fromEntries(
    (Object.keys(memory) as (keyof ProxyStore)[]).map((name) => [
      name,
      (...args: unknown[]) => {
        if (down.has(name)) return Promise.reject(new Error("connection refused"));
        if (name === "settle") settled.push(String(args[0]));
        return (memory[name] as (...a: unknown[]) => Promise<unknown>)(...args);
      },
    ]),
  ) as unknown as ProxyStore;
  return { store, down, settled };
}

describe("status strings a delivery may carry", () => {
  it("a status the proxy does not know (an in-flight stage) does not end the task as Error", async () => {
    // core's parseWebhookEvent says "unknown: treat as not finished", and the poll path (statusOutcome) reads an
    // unknown status as pending; the webhook route settles it as a permanent `Error` instead, frees the task's
    // places, and then ignores the real SUCCESS (a settled outcome is never replaced): a paid image is lost
    const results: string[] = [];
    const { mock, proxy, submit, poll, delivered } = rig({
      onResult: ({ taskId }) => void results.push(taskId),
    });
    const task = await submit();
    for (const status of ["IN_QUEUE", "Starting", "Uploading"]) {
      expect((await send(proxy, { task_id: task.id, status })).status).toBe(200);
    }
    expect((await poll(task.polling_url)).status).toBe("Pending");
    await mock.advance(100);
    expect((await delivered()).status).toBe(200);
    const ready = await poll(task.polling_url);
    expect(ready.status).toBe("Ready");
    expect(results).toEqual([task.id]);
  });

  it("a request-stage moderation spelled REQUEST_MODERATED answers `Request Moderated`, not `Content Moderated`", async () => {
    // core normalises `_`/`-` and case (event.moderation.stage === "request"), but outcomeBody matches the raw
    // status against /^request moderated$/i, so the stage is flipped to Content Moderated
    const { proxy, submit, poll } = rig();
    const request = await submit();
    const dashed = await submit();
    const details = { "Moderation Reasons": ["Child"] };
    expect((await send(proxy, { task_id: request.id, status: "REQUEST_MODERATED", details })).status).toBe(
      200,
    );
    expect((await send(proxy, { task_id: dashed.id, status: "request-moderated", details })).status).toBe(
      200,
    );
    expect(await poll(request.polling_url)).toMatchObject({
      status: "Request Moderated",
      result: null,
      details,
    });
    expect(await poll(dashed.polling_url)).toMatchObject({
      status: "Request Moderated",
      result: null,
      details,
    });
  });

  it("a SUCCESS that carries no usable sample is not kept as the task's final answer", async () => {
    // the payload shape is unverified (docs/bfl-api.md §7): a `ready` event whose result has no string
    // `sample` is settled as `Ready` with `result: null` (or a result without a sample) for an hour, the task's
    // places are freed, onResult never runs, BFL is never asked, and the real delivery is then ignored
    const results: string[] = [];
    const { mock, proxy, submit, poll, delivered } = rig({
      onResult: ({ taskId }) => void results.push(taskId),
    });
    const bare = await submit();
    const odd = await submit();
    // however the proxy answers these two, they must not become the tasks' answers
    await send(proxy, { task_id: bare.id, status: "SUCCESS" });
    await send(proxy, { task_id: odd.id, status: "SUCCESS", result: { url: `${DELIVERY}/a.jpg` } });
    await mock.advance(100);
    await delivered();
    await delivered();
    for (const task of [bare, odd]) {
      const answer = await poll(task.polling_url);
      expect(answer.status).toBe("Ready");
      expect(typeof answer.result?.sample).toBe("string");
    }
    expect(results.sort()).toEqual([bare.id, odd.id].sort());
  });

  it("pins: a progress report keeps the task Pending; a failure answers Error with its details", async () => {
    const { proxy, submit, poll, upstreamPolls } = rig();
    const task = await submit();
    expect((await send(proxy, { task_id: task.id, status: "Generating", progress: 0.5 })).status).toBe(200);
    expect((await poll(task.polling_url)).status).toBe("Pending");
    const failed = await submit();
    expect((await send(proxy, { task_id: failed.id, status: "FAILED", error: "GPU fell over" })).status).toBe(
      200,
    );
    expect(await poll(failed.polling_url)).toMatchObject({
      status: "Error",
      details: { error: "GPU fell over" },
    });
    expect(upstreamPolls()).toBe(0);
  });
});

describe("what a verified delivery may plant", () => {
  it("a task id the poll route would refuse is refused, and nothing is written to the store", async () => {
    // the poll route only takes /^[A-Za-z0-9._:-]{1,128}$/; the webhook route stores any string as
    // `delivery:{id}` for an hour (memory: evicting real claims past 100,000; Redis: any bytes, any length)
    const { store, settled } = faultyStore();
    const { proxy } = rig({ store });
    for (const id of ["a b", "x".repeat(129), "id\r\nX-Injected: 1", "../../etc/passwd", "é", ""]) {
      const answer = await send(proxy, {
        task_id: id,
        status: "SUCCESS",
        result: { sample: "https://delivery-eu.bfl.ai/x.jpg" },
      });
      expect(answer.status, JSON.stringify(id)).toBeGreaterThanOrEqual(400);
      expect(answer.status, JSON.stringify(id)).toBeLessThan(500);
    }
    expect(settled).toEqual([]);
  });

  it("a sample on a host that is not BFL's never reaches onResult (SSRF) nor the browser", async () => {
    // the poll path trusts BFL's upstream answer; a delivery is only as trusted as the webhook secret (sent in
    // clear in every shared-secret delivery), and a client of the proxy knows its own task ids, so whoever has
    // the secret makes the app's onResult fetch any URL (cloud metadata) and hands the browser any link
    const samples: (string | undefined)[] = [];
    const { proxy, submit, poll } = rig({
      onResult: ({ sample }) => void samples.push(sample),
    });
    const hostile = [
      ["https://evil.example/x.png", "evil.example"],
      ["http://169.254.169.254/latest/meta-data/iam/security-credentials/", "169.254.169.254"],
      ["javascript:alert(document.domain)", "javascript:"],
    ] as const;
    for (const [sample, marker] of hostile) {
      const task = await submit();
      await send(proxy, { task_id: task.id, status: "SUCCESS", result: { sample } }, "shared-secret");
      const answer = await poll(task.polling_url);
      expect(JSON.stringify(answer), sample).not.toContain(marker);
    }
    for (const [sample] of hostile) expect(samples).not.toContain(sample);
  });

  it("pins: the image route still refuses a hostile host after such a delivery, and never fetches it", async () => {
    const { proxy, submit, upstream } = rig();
    const task = await submit();
    await send(proxy, {
      task_id: task.id,
      status: "SUCCESS",
      result: { sample: "https://evil.example/x.png" },
    });
    const image = await proxy(
      new Request(`${APP}/v1/image?u=${encodeURIComponent("https://evil.example/x.png")}`),
    );
    expect(image.status).toBe(403);
    expect(upstream.some((url) => url.includes("evil.example"))).toBe(false);
  });

  it("pins: a delivery for another client's task is not shown to a client who did not submit it", async () => {
    const clients: string[] = [];
    const { mock, submit, poll, delivered, proxy } = rig({
      onResult: ({ clientId }) => void clients.push(clientId),
    });
    const ada = await submit(undefined, "ada");
    await mock.advance(100);
    expect((await delivered()).status).toBe(200);
    expect(clients).toHaveLength(1);
    expect(clients[0]).toMatch(/ada$/);
    // Bob with Ada's polling URL, and Bob with Ada's task id alone
    expect((await poll(ada.polling_url, "bob")).status).toBe("Task not found");
    const bare = await proxy(
      new Request(`${APP}/v1/get_result?id=${ada.id}`, { headers: { "x-user": "bob" } }),
    );
    expect(((await bare.json()) as { status: string }).status).toBe("Task not found");
    expect((await poll(ada.polling_url, "ada")).status).toBe("Ready");
  });
});

describe("who is answered from the store", () => {
  it("a delivered outcome, kept past the task's binding, is not shown to a stranger with the bare id", async () => {
    // the outcome is kept 24 h, the binding (who submitted) 3 h: past the binding a bare-id poll names no one
    let now = Date.now();
    const { mock, proxy, submit, poll, delivered, upstreamPolls } = rig({
      store: createMemoryStore({ now: () => now }),
    });
    const ada = await submit({ prompt: "ada's private prompt" }, "ada");
    await mock.advance(100);
    expect((await delivered()).status).toBe(200);
    const pollsBefore = upstreamPolls();
    now += 3 * 60 * 60_000 + 1_000;
    await mock.advance(3 * 60 * 60_000 + 1_000);
    const bare = await proxy(
      new Request(`${APP}/v1/get_result?id=${ada.id}`, { headers: { "x-user": "bob" } }),
    );
    const text = await bare.text();
    expect(text).not.toContain("private prompt");
    expect((JSON.parse(text) as { status: string }).status).toBe("Task not found");
    // asked of BFL (the mock), which no longer keeps the task, as without webhooks
    expect(upstreamPolls()).toBe(pollsBefore + 1);
    // Ada's own polling URL (its signed token names her) is still answered from the store
    expect((await poll(ada.polling_url, "ada")).status).toBe("Ready");
    expect(upstreamPolls()).toBe(pollsBefore + 1);
  });
});

describe("replays and races", () => {
  it("a captured delivery replayed after an hour does not run onResult a second time", async () => {
    // the field payload has no timestamp, so verifyWebhook has no replay window; the proxy's de-duplication is
    // the outcome (1 h) and onResult's claim (1 h), while the task's binding lives 3 h: a replay between 1 h and
    // 3 h re-plants the outcome and runs onResult again (createWebhookHandler keeps its de-duplication 24 h)
    let now = Date.now();
    const results: string[] = [];
    const { mock, proxy, submit, delivered } = rig(
      { store: createMemoryStore({ now: () => now }), onResult: ({ taskId }) => void results.push(taskId) },
      { payload: "field", signature: "hmac-sha256" },
    );
    const task = await submit();
    await mock.advance(100);
    const first = await delivered();
    expect(first.status).toBe(200);
    expect(results).toEqual([task.id]);
    now += 61 * 60_000;
    const replay = await proxy(
      new Request(WEBHOOK, { method: "POST", headers: first.headers, body: first.body }),
    );
    expect(replay.status).toBe(200);
    expect(results).toEqual([task.id]);
  });

  it("a webhook that lands before its submit is bound still frees the place and runs onResult, with no one polling", async () => {
    // BFL answers the submit, then delivers before bindTask/claim ran (a fast tool, a slow store): the webhook
    // route finds no binding, frees nothing and runs no hook; the submit's claim then answers `done`, which is
    // ignored, so with the tab closed the image is never persisted and the place is held for activeTaskTtlMs
    const results: string[] = [];
    const ref: { proxy?: FluxProxyHandler } = {};
    let deliveredNow!: (status: number) => void;
    const deliveredStatus = new Promise<number>((resolve) => (deliveredNow = resolve));
    const mock = createMockBfl({
      clock: "manual",
      durationMs: 50,
      deliveryOrigin: DELIVERY,
      webhooks: {
        retryDelaysMs: [],
        fetch: async (request) => {
          const answer = await ref.proxy!(request);
          deliveredNow(answer.status);
          return answer;
        },
      },
    });
    let first = true;
    const proxy = (ref.proxy = createFluxProxy({
      apiKey: "mock-key",
      allowAnonymous: true,
      clientId: () => "u",
      limits: { maxActiveTasksPerClient: 1 },
      onResult: ({ taskId }) => void results.push(taskId),
      webhooks: { publicUrl: WEBHOOK, secret: SECRET },
      fetch: async (input, init) => {
        const answer = await mock.fetch(input, init);
        if (init?.method === "POST" && first) {
          first = false;
          await mock.advance(100);
          expect(await deliveredStatus).toBe(200);
        }
        return answer;
      },
    }));
    const submitted = (await (await proxy(submitRequest())).json()) as { id: string };
    expect(results).toEqual([submitted.id]);
    expect((await proxy(submitRequest())).status).toBe(200);
  });

  it("pins: a webhook that comes after the fallback wait ended is kept and answers the next poll from the store", async () => {
    let now = Date.now();
    const results: string[] = [];
    const { proxy, submit, poll, upstreamPolls, logs } = rig({
      store: createMemoryStore({ now: () => now }),
      onResult: ({ taskId }) => void results.push(taskId),
    });
    const task = await submit();
    // the wait ends before BFL is done: the poll asks BFL (still Pending there)
    now += 36_001;
    expect((await poll(task.polling_url)).status).toBe("Pending");
    expect(upstreamPolls()).toBe(1);
    // the late delivery, exactly as the poll went upstream
    expect(
      (
        await send(proxy, {
          task_id: task.id,
          status: "SUCCESS",
          result: { sample: "https://delivery-eu.bfl.ai/late.jpg" },
        })
      ).status,
    ).toBe(200);
    expect(results).toEqual([task.id]);
    expect((await poll(task.polling_url)).status).toBe("Ready");
    expect(upstreamPolls()).toBe(1);
    expect(logs.filter((e) => e.event === "webhook_late")).toHaveLength(1);
  });
});

describe("the fallback log line", () => {
  it("a store that cannot be read at poll time is not reported as a webhook that came late", async () => {
    // planPoll calls noteFallback whenever the peek gave no record, including when the peek threw: the operator
    // is told to check `webhooks.publicUrl` while the real fault is the store
    const { store, down } = faultyStore();
    const { submit, poll, logs } = rig({ store });
    const task = await submit();
    down.add("peek");
    await poll(task.polling_url);
    expect(logs.some((e) => e.event === "store_error")).toBe(true);
    expect(logs.filter((e) => e.event === "webhook_late" || e.event === "webhook_fallback")).toEqual([]);
  });

  it("pins: many tasks falling back say it once, one info line per task, and tasks with no webhook say nothing", async () => {
    let now = Date.now();
    const { submit, poll, logs, proxy } = rig({
      store: createMemoryStore({ now: () => now }),
      limits: { maxActiveTasksPerClient: 100 },
    });
    const tasks = [];
    for (let i = 0; i < 5; i++) tasks.push(await submit());
    const flux3 = (await (await proxy(submitRequest({ prompt: "x" }, "user-1", "flux-3-image"))).json()) as {
      polling_url: string;
    };
    now += 36_001;
    for (let round = 0; round < 3; round++) {
      for (const task of tasks) await poll(task.polling_url);
      await poll(flux3.polling_url);
    }
    expect(logs.filter((e) => e.event === "webhook_late")).toHaveLength(1);
    expect(
      logs.filter((e) => e.event === "webhook_fallback").map((e) => (e as { taskId?: string }).taskId),
    ).toEqual(tasks.map((t) => t.id));
  });
});

describe("configurations an operator may write", () => {
  type Webhooks = NonNullable<FluxProxyOptions["webhooks"]>;
  /** Makes a proxy with `webhooks` merged in; values of the wrong type are what an operator may write in JS. */
  const make = (webhooks: Record<string, unknown>) => () =>
    createFluxProxy({
      apiKey: "k",
      allowAnonymous: true,
      webhooks: { publicUrl: WEBHOOK, secret: SECRET, ...webhooks } as unknown as Webhooks,
    });

  it("`schemes` that can verify nothing are refused when the proxy is created", () => {
    // `schemes: []` makes core's verifyWebhook throw on every delivery (a 500 "Internal proxy error"), and an
    // unknown name ("hmac") makes every delivery a 401: both are found only once BFL's deliveries fail
    for (const schemes of [[], ["hmac"], ["HMAC-SHA256"]]) {
      expect(make({ schemes }), JSON.stringify(schemes)).toThrow(FluxProxyConfigError);
    }
  });

  it("a secret read with a trailing newline (a secrets file) still verifies shared-secret deliveries, or is refused", async () => {
    // the length check trims, the secret sent is untrimmed; BFL's X-Webhook-Secret header cannot carry the
    // newline (HTTP strips it), and verifyWebhook trims what was sent but not the configured secret: 401 forever
    let made;
    try {
      made = rig({ webhooks: { publicUrl: WEBHOOK, secret: `${SECRET}\n` } }, { signature: "shared-secret" });
    } catch (error) {
      expect(error).toBeInstanceOf(FluxProxyConfigError);
      return;
    }
    const { mock, submit, delivered, poll } = made;
    const task = await submit();
    await mock.advance(100);
    expect((await delivered()).status).toBe(200);
    expect((await poll(task.polling_url)).status).toBe("Ready");
  });

  it("a fallback wait of Infinity works with the Redis store, or is refused when the proxy is created", async () => {
    // `fallbackAfterMs > 0` lets Infinity through; the Redis store sends it as `PX Infinity`, which Redis refuses,
    // so every submit's claim fails (a store error each time) and every poll goes upstream at once
    try {
      make({ fallbackAfterMs: Infinity })();
    } catch (error) {
      expect(error).toBeInstanceOf(FluxProxyConfigError);
      return;
    }
    const redis: RedisServer = await startRedisServer();
    closers.push(() => redis.stop());
    const store: RedisStore = createRedisStore({ url: redis.url, prefix: `adv-${Date.now()}:` });
    closers.push(() => store.close());
    const { submit, poll, errors, upstreamPolls } = rig({
      store,
      webhooks: { publicUrl: WEBHOOK, secret: SECRET, fallbackAfterMs: Infinity },
    });
    const task = await submit();
    expect((await poll(task.polling_url)).status).toBe("Pending");
    expect(errors.filter((e) => e.kind === "store")).toEqual([]);
    expect(upstreamPolls()).toBe(0);
  });

  it("pins: a publicUrl with a query string is sent as is and its deliveries reach the route", async () => {
    const hook = `${WEBHOOK}?source=bfl&v=1`;
    const { mock, submit, delivered, poll, upstreamPolls } = rig({
      webhooks: { publicUrl: hook, secret: SECRET },
    });
    const task = await submit();
    expect(mock.task(task.id)?.webhookUrl).toBe(hook);
    await mock.advance(100);
    expect((await delivered()).status).toBe(200);
    expect((await poll(task.polling_url)).status).toBe("Ready");
    expect(upstreamPolls()).toBe(0);
  });

  it("pins: rotation: the first secret is sent, an older one still verifies, neither is ever shown", async () => {
    const OLD = "whsec-old-secret-0123456789";
    const submits: unknown[] = [];
    const { proxy, submit, logs, errors, sent } = rig({
      webhooks: { publicUrl: WEBHOOK, secret: [SECRET, OLD] },
      onSubmit: (event) => void submits.push({ ...event, request: undefined }),
    });
    const task = await submit();
    expect(JSON.parse(sent[0]!)).toMatchObject({ webhook_url: WEBHOOK, webhook_secret: SECRET });
    const oldSigned = await signWebhook({
      body: JSON.stringify({ task_id: task.id, status: "PENDING" }),
      secret: OLD,
      scheme: "shared-secret",
    });
    const answer = await proxy(
      new Request(WEBHOOK, {
        method: "POST",
        headers: oldSigned,
        body: JSON.stringify({ task_id: task.id, status: "PENDING" }),
      }),
    );
    expect(answer.status).toBe(200);
    const wrong = await proxy(
      new Request(WEBHOOK, {
        method: "POST",
        headers: { "x-webhook-secret": `${SECRET}x` },
        body: JSON.stringify({ task_id: task.id, status: "SUCCESS" }),
      }),
    );
    expect(wrong.status).toBe(401);
    const shown = JSON.stringify([task, submits, logs, errors, await wrong.text()]);
    expect(shown).not.toContain(SECRET);
    expect(shown).not.toContain(OLD);
  });
});

describe("the webhook route and the rest of the proxy", () => {
  it("pins: authorize does not guard the webhook route, but the route does nothing without the secret", async () => {
    let asked = 0;
    const { proxy, submit, upstream } = (() => {
      let open = true;
      const made = rig({
        allowAnonymous: false,
        authorize: () => {
          asked += 1;
          return open ? { allow: true, clientId: "ada" } : false;
        },
      });
      return {
        ...made,
        submit: async () => {
          const task = await made.submit();
          open = false;
          return task;
        },
      };
    })();
    const task = await submit();
    const before = upstream.length;
    const askedBefore = asked;
    // a submit body, a poll, a forged outcome: all 401 at the webhook route, nothing upstream
    for (const body of [{ prompt: "free image" }, { task_id: task.id, status: "SUCCESS" }]) {
      const answer = await proxy(
        new Request(WEBHOOK, {
          method: "POST",
          headers: { "content-type": "application/json", origin: "https://evil.example" },
          body: JSON.stringify(body),
        }),
      );
      // refused by the origin check or the signature check, never served
      expect([401, 403]).toContain(answer.status);
      const bare = await proxy(
        new Request(WEBHOOK, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
      );
      expect(bare.status).toBe(401);
    }
    expect(upstream.length).toBe(before);
    expect(asked).toBe(askedBefore);
  });
});

describe("transports hand the webhook route the bytes BFL signed", () => {
  // BFL's server is Python (FastAPI): json.dumps writes ", " and ": ", which JSON.stringify does not
  const pythonBody = (id: string) =>
    `{"task_id": "${id}", "status": "SUCCESS", "result": {"sample": "https://delivery-eu.bfl.ai/a.jpg", "seed": 1}}`;

  it("pins: the Node handler verifies an HMAC over the exact bytes", async () => {
    const { createNodeHandler } = await import("../src/node");
    const handler = createNodeHandler({
      apiKey: "k",
      allowAnonymous: true,
      fetch: () => Promise.reject(new Error("no upstream in this test")),
      webhooks: { publicUrl: WEBHOOK, secret: SECRET },
    });
    const server = await serve((req, res) => void handler(req, res));
    closers.push(server.close);
    const body = pythonBody("task-node-1");
    const headers = await signWebhook({ body, secret: SECRET, scheme: "hmac-sha256" });
    const answer = await raw(server.port, "POST", "/api/flux/v1/webhook", {
      headers: { "content-type": "application/json", ...headers },
      body,
    });
    expect(answer.status).toBe(200);
  });

  const parsers = [
    {
      name: "Next.js Pages Router with its default body parser",
      start: async (logger: (event: ProxyLogEvent) => void) => {
        const handler = createPagesHandler({
          apiKey: "k",
          allowAnonymous: true,
          fetch: () => Promise.reject(new Error("no upstream in this test")),
          webhooks: { publicUrl: WEBHOOK, secret: SECRET },
          logger,
        });
        const page = Object.assign(handler, { config: { api: { bodyParser: true } } });
        return serve((req, res) => {
          void apiResolver(
            req,
            res,
            {},
            page,
            { previewModeId: "", previewModeEncryptionKey: "", previewModeSigningKey: "", dev: false },
            false,
          );
        });
      },
    },
    {
      name: "Express behind express.json()",
      start: async (logger: (event: ProxyLogEvent) => void) => {
        const app = express();
        app.use(express.json());
        app.use(
          "/api/flux",
          createExpressHandler({
            apiKey: "k",
            allowAnonymous: true,
            fetch: () => Promise.reject(new Error("no upstream in this test")),
            webhooks: { publicUrl: WEBHOOK, secret: SECRET },
            logger,
          }),
        );
        return serve((req, res) => void app(req, res));
      },
    },
  ];

  it.each(parsers)(
    "$name: an HMAC-signed delivery is not refused as a bad signature; a pre-parsed body is named as the cause",
    async ({ start }) => {
      // the adapters re-encode a parsed `req.body` (fine for a submit, which is re-sent anyway), so the HMAC is
      // computed over other bytes and every delivery gets "signature does not match": BFL gives up after its
      // retries and the operator is sent looking for a wrong secret
      const logs: ProxyLogEvent[] = [];
      const server = await start((event) => logs.push(event));
      closers.push(server.close);
      const body = pythonBody("task-parsed-1");
      const headers = await signWebhook({ body, secret: SECRET, scheme: "hmac-sha256" });
      const answer = await raw(server.port, "POST", "/api/flux/v1/webhook", {
        headers: { "content-type": "application/json", ...headers },
        body,
      });
      // and the operator's log says so too
      const named = JSON.stringify(logs).match(/a body parser in front of the proxy/g) ?? [];
      if (answer.status !== 200) {
        expect(answer.status).not.toBe(401);
        expect(answer.body).toMatch(/body ?parser|express\.json|raw body/i);
        expect(named).toHaveLength(1);
      } else expect(named).toHaveLength(0);
    },
  );
});
