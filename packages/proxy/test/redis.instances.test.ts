// Several proxies (each its own Redis connection, one prefix) in front of the mock on loopback: the limits and
// `onResult`'s "once per task" hold across them, as they would across serverless instances.
import { randomUUID } from "node:crypto";
import { signWebhook } from "@flux-kit/core";
import { startMockServer, type MockServer } from "@flux-kit/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookHandler, type FluxProxyHandler, type FluxProxyOptions } from "../src/index";
import { createRedisStore, type RedisStore } from "../src/redis";
import { startRedisServer, type RedisServer } from "./redisServer";
import { sharedProxies } from "./sharedProxies";

const APP = "https://app.example/api/flux";

let redis: RedisServer;
let mock: MockServer;
const stores: RedisStore[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
  mock = await startMockServer({ clock: "manual", durationMs: 50 });
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await mock.close();
  await redis.stop();
});

/** `count` proxies sharing one Redis prefix, each with its own store (its own connection). */
const instances = (count: number, options: FluxProxyOptions = {}): FluxProxyHandler[] =>
  sharedProxies(count, {
    redisUrl: redis.url,
    upstream: mock.url,
    stores,
    options: { imageProxy: { allowedOrigins: [mock.deliveryUrl] }, ...options },
  });

const submit = (proxy: FluxProxyHandler, user: string) =>
  proxy(
    new Request(`${APP}/v1/flux-2-pro`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-user": user },
      body: JSON.stringify({ prompt: "a fox", width: 256, height: 256 }),
    }),
  );

describe("several proxies sharing a Redis store", () => {
  it("accept exactly the per-client limit across instances: 100 submits, 10 clients, limit 2 → 20", async () => {
    const proxies = instances(3, { limits: { maxActiveTasksPerClient: 2 } });
    const users = Array.from({ length: 10 }, (_, i) => `user-${i}`);
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => submit(proxies[i % 3]!, users[i % 10]!)),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(80);
    // two per client, whichever instances took them
    const accepted = new Map<string, number>();
    answers.forEach((a, i) => {
      if (a.status === 200) accepted.set(users[i % 10]!, (accepted.get(users[i % 10]!) ?? 0) + 1);
    });
    expect([...accepted.values()]).toEqual(Array.from({ length: 10 }, () => 2));
  });

  it("run onResult exactly once per task when the task is polled through every instance", async () => {
    const calls = new Map<string, number>();
    const proxies = instances(3, {
      onResult: async ({ taskId }) => {
        calls.set(taskId, (calls.get(taskId) ?? 0) + 1);
        // a hook that takes a while (it copies the image), so other instances' polls arrive while it runs
        await new Promise((resolve) => setImmediate(resolve));
        return { sample: `https://cdn.example/${taskId}.jpg` };
      },
    });
    const tasks: { id: string; pollingUrl: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const answer = await submit(proxies[i % 3]!, "poller");
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as { id: string; polling_url: string };
      tasks.push({ id: body.id, pollingUrl: body.polling_url });
    }
    await mock.mock.advance(100);
    const polls = tasks.flatMap((task) =>
      Array.from({ length: 9 }, (_, i) =>
        proxies[i % 3]!(new Request(task.pollingUrl, { headers: { "x-user": "poller" } })).then(
          async (r) => ({
            task: task.id,
            status: r.status,
            body: (await r.json()) as { status: string; result: { sample: string } },
          }),
        ),
      ),
    );
    for (const poll of await Promise.all(polls)) {
      expect(poll.status).toBe(200);
      expect(poll.body.status).toBe("Ready");
      expect(poll.body.result.sample).toBe(`https://cdn.example/${poll.task}.jpg`);
    }
    expect([...calls.entries()].sort()).toEqual(tasks.map((t) => [t.id, 1] as const).sort());
  });

  it("drop a webhook delivery repeated to another instance", async () => {
    const prefix = `webhooks-${randomUUID()}:`;
    const events: string[] = [];
    const handlers = Array.from({ length: 3 }, () => {
      const store = createRedisStore({ url: redis.url, prefix });
      stores.push(store);
      return createWebhookHandler({
        secret: "whsec_test",
        store,
        onEvent: async (event) => {
          events.push(event.taskId);
          await new Promise((resolve) => setImmediate(resolve));
        },
      });
    });
    const body = JSON.stringify({
      task_id: "t-1",
      status: "SUCCESS",
      result: { sample: "https://x.bfl.ai/a.jpg" },
    });
    const delivery = async () =>
      new Request("https://app.example/api/flux/webhook", {
        method: "POST",
        body,
        headers: {
          "content-type": "application/json",
          ...(await signWebhook({ body, secret: "whsec_test" })),
        },
      });
    const answers = await Promise.all(
      Array.from(
        { length: 6 },
        async (_, i) => (await (await handlers[i % 3]!(await delivery())).json()) as unknown,
      ),
    );
    expect(events).toEqual(["t-1"]);
    expect(answers.filter((a) => JSON.stringify(a) === '{"ok":true}')).toHaveLength(1);
    expect(answers.filter((a) => JSON.stringify(a) === '{"ok":true,"duplicate":true}')).toHaveLength(5);
  });
  it("answer a poll on any instance from a webhook delivered to another, with no poll reaching BFL", async () => {
    const secret = "whsec-instances-0123456789";
    const results: string[] = [];
    const tasks: { id: string; pollingUrl: string }[] = [];
    const ref: { proxies?: FluxProxyHandler[] } = {};
    // BFL delivers each task's webhook to the instance after the one that submitted it (no network: the
    // mock's delivery is handed to that instance's handler)
    const statuses: number[] = [];
    let allDelivered!: () => void;
    const delivered = new Promise<void>((resolve) => (allDelivered = resolve));
    const hookMock = await startMockServer({
      clock: "manual",
      durationMs: 50,
      webhooks: {
        retryDelaysMs: [],
        fetch: async (request) => {
          const { task_id } = JSON.parse(await request.clone().text()) as { task_id: string };
          const i = tasks.findIndex((t) => t.id === task_id);
          const answer = await ref.proxies![(i + 1) % 3]!(request);
          statuses.push(answer.status);
          if (statuses.length === tasks.length) allDelivered();
          return answer;
        },
      },
    });
    const proxies = (ref.proxies = sharedProxies(3, {
      redisUrl: redis.url,
      upstream: hookMock.url,
      stores,
      options: {
        imageProxy: { allowedOrigins: [hookMock.deliveryUrl] },
        onResult: ({ taskId }) => void results.push(taskId),
        webhooks: { publicUrl: "https://hooks.example/api/flux/v1/webhook", secret },
      },
    }));
    try {
      for (let i = 0; i < 3; i++) {
        const answer = await submit(proxies[i]!, "hooked");
        const body = (await answer.json()) as { id: string; polling_url: string };
        tasks.push({ id: body.id, pollingUrl: body.polling_url });
      }
      const pollOn = async (instance: number, url: string) =>
        (await (await proxies[instance]!(new Request(url, { headers: { "x-user": "hooked" } }))).json()) as {
          status: string;
          result?: { sample: string };
        };
      // awaited on every instance, not only the one that submitted
      for (const [i, task] of tasks.entries())
        expect((await pollOn((i + 1) % 3, task.pollingUrl)).status).toBe("Pending");
      await hookMock.mock.advance(100);
      await delivered;
      expect(statuses).toEqual([200, 200, 200]);
      for (const [i, task] of tasks.entries()) {
        const ready = await pollOn((i + 2) % 3, task.pollingUrl);
        expect(ready.status).toBe("Ready");
        expect(ready.result?.sample).toMatch(/^https:\/\/app\.example\/api\/flux\/v1\/image\?u=/);
      }
      expect(results.sort()).toEqual(tasks.map((t) => t.id).sort());
      expect(hookMock.mock.requests.filter((r) => r.route === "poll")).toHaveLength(0);
    } finally {
      await hookMock.close();
    }
  });
  it("share one upstream poller for a task's long polls on every instance, and wake them from another's webhook", async () => {
    const secret = "whsec-long-polls-0123456789";
    const hookMock = await startMockServer({ clock: "manual", durationMs: 50 });
    const proxies = sharedProxies(3, {
      redisUrl: redis.url,
      upstream: hookMock.url,
      stores,
      options: {
        imageProxy: { allowedOrigins: [hookMock.deliveryUrl] },
        longPolls: { maxWaitMs: 3_000 },
        webhooks: { publicUrl: "https://hooks.example/api/flux/v1/webhook", secret },
      },
    });
    const pollOn = async (instance: number, url: string) =>
      (await (await proxies[instance]!(new Request(url, { headers: { "x-user": "waiter" } }))).json()) as {
        status: string;
      };
    try {
      // FLUX 3 Image takes no webhook: it is polled, by one instance at a time however many wait
      const flux3 = await proxies[0]!(
        new Request(`${APP}/v1/flux-3-image`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-user": "waiter" },
          body: JSON.stringify({ prompt: "a fox [mock:stuck]" }),
        }),
      );
      const stuck = (await flux3.json()) as { polling_url: string };
      const waits = await Promise.all(
        [0, 1, 2].map((i) => pollOn(i, `${stuck.polling_url}&wait=3&seen=Pending`)),
      );
      expect(waits.map((w) => w.status)).toEqual(["Pending", "Pending", "Pending"]);
      // three instances polling on their own for 3 s would make about nine polls
      const polls = hookMock.mock.requests.filter((r) => r.route === "poll").length;
      expect(polls).toBeGreaterThanOrEqual(1);
      expect(polls).toBeLessThanOrEqual(5);

      // a webhook delivered to one instance answers a long poll waiting on another
      const submitted = await submit(proxies[1]!, "waiter");
      const task = (await submitted.json()) as { id: string; polling_url: string };
      const waiting = pollOn(2, `${task.polling_url}&wait=3&seen=Pending`);
      const body = JSON.stringify({
        task_id: task.id,
        status: "SUCCESS",
        result: { sample: `${hookMock.deliveryUrl}/x.jpg` },
      });
      const delivered = await proxies[0]!(
        new Request("https://hooks.example/api/flux/v1/webhook", {
          method: "POST",
          headers: { "content-type": "application/json", "x-webhook-secret": secret },
          body,
        }),
      );
      expect(delivered.status).toBe(200);
      // Ready, not the Pending its wait would have ended with
      expect((await waiting).status).toBe("Ready");
    } finally {
      await hookMock.close();
    }
  });
});
