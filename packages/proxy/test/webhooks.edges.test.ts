// The proxy's webhooks where things go wrong: a configuration with values missing (a build), a secret BFL
// echoes back, a store that fails, a hook that fails, a webhook faster than its submit's answer.
import { signWebhook } from "@flux-kit/core";
import { createMockBfl, type MockBfl } from "@flux-kit/mock";
import { describe, expect, it, vi } from "vitest";
import {
  createFluxProxy,
  createMemoryStore,
  FluxProxyConfigError,
  type FluxProxyOptions,
  type ProxyLogEvent,
  type ProxyStore,
} from "../src/index";

const SECRET = "whsec-test-0123456789abcdef";
const APP = "https://app.example/api/flux";
const WEBHOOK = `${APP}/v1/webhook`;

const submitRequest = (body: object = { prompt: "a fox" }, model = "flux-2-pro") =>
  new Request(`${APP}/v1/${model}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

/** One webhook delivery and the proxy's status for it. */
interface Delivery {
  readonly headers: Headers;
  readonly body: string;
  readonly status: number;
}

/**
 * The in-process mock (manual clock, 50 ms tasks) as the proxy's `fetch`, its webhooks handed straight to the
 * proxy's handler; `delivered()` resolves with the proxy's status for the next delivery.
 */
function rig(options: Partial<FluxProxyOptions> = {}) {
  const statuses: Delivery[] = [];
  const waiting: ((delivery: Delivery) => void)[] = [];
  // the mock delivers to the proxy, made just after it
  const ref: { proxy?: ReturnType<typeof createFluxProxy> } = {};
  const mock: MockBfl = createMockBfl({
    deliveryOrigin: "https://delivery-eu.bfl.ai",
    clock: "manual",
    durationMs: 50,
    webhooks: {
      retryDelaysMs: [],
      fetch: async (request) => {
        const delivery = { headers: new Headers(request.headers), body: await request.clone().text() };
        const answer = await ref.proxy!(request);
        const next = waiting.shift();
        const done = { ...delivery, status: answer.status };
        if (next) next(done);
        else statuses.push(done);
        return answer;
      },
    },
  });
  const logs: ProxyLogEvent[] = [];
  const proxy = (ref.proxy = createFluxProxy({
    apiKey: "mock-key",
    allowAnonymous: true,
    upstream: "https://api.bfl.ai",
    fetch: mock.fetch,
    clientId: () => "user-1",
    logger: (event) => logs.push(event),
    ...options,
    webhooks: { publicUrl: WEBHOOK, secret: SECRET, ...options.webhooks },
  }));
  const delivered = () =>
    new Promise<Delivery>((resolve) => {
      const ready = statuses.shift();
      if (ready !== undefined) resolve(ready);
      else waiting.push(resolve);
    });
  const submit = async (body?: object) => {
    const answer = await proxy(submitRequest(body));
    return (await answer.json()) as { id: string; polling_url: string };
  };
  const poll = async (pollingUrl: string) =>
    (await (await proxy(new Request(pollingUrl))).json()) as { status: string; result?: { sample: string } };
  const upstreamPolls = () => mock.requests.filter((r) => r.route === "poll").length;
  return { mock, proxy, logs, delivered, submit, poll, upstreamPolls };
}

describe("configuration of the proxy's webhooks", () => {
  it("refuses what cannot work, when the proxy is created", () => {
    const make =
      (webhooks: unknown, extra: Partial<FluxProxyOptions> = {}) =>
      () =>
        createFluxProxy({
          allowAnonymous: true,
          webhooks: webhooks as NonNullable<FluxProxyOptions["webhooks"]>,
          ...extra,
        });
    expect(make({ publicUrl: "https://app.example.com", secret: SECRET })).toThrow(
      /full URL, not the site's origin/,
    );
    expect(make({ publicUrl: "app.example.com/api/flux/v1/webhook", secret: SECRET })).toThrow(
      /absolute URL/,
    );
    expect(make({ publicUrl: "ftp://app.example.com/hook", secret: SECRET })).toThrow(/https/);
    expect(make({ publicUrl: "https://u:p@app.example.com/hook", secret: SECRET })).toThrow(/credentials/);
    expect(make({ publicUrl: WEBHOOK, secret: "short" })).toThrow(/at least 16 characters/);
    expect(make({ publicUrl: WEBHOOK, secret: [SECRET, undefined] })).toThrow(/unset entry/);
    expect(make({ publicUrl: WEBHOOK, secret: SECRET, fallbackAfterMs: 0 })).toThrow(/fallbackAfterMs/);
    expect(make({ publicUrl: WEBHOOK, secret: SECRET }, { clientWebhooks: "forward" })).toThrow(
      /cannot both be on/,
    );
    for (const bad of [
      make({ publicUrl: "https://app.example.com", secret: SECRET }),
      make({ publicUrl: WEBHOOK, secret: "short" }),
    ]) {
      expect(bad).toThrow(FluxProxyConfigError);
    }
  });

  it("builds with the values unset (no secrets at build time): submits are polled, deliveries get 500, said once", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    // samples on a BFL delivery host, as BFL's are, so the one line said is the webhooks'
    const mock = createMockBfl({
      clock: "manual",
      durationMs: 50,
      deliveryOrigin: "https://delivery-eu.bfl.ai",
    });
    const proxy = createFluxProxy({
      apiKey: "mock-key",
      allowAnonymous: true,
      fetch: mock.fetch,
      clientId: () => "u",
      webhooks: { publicUrl: process.env.NOT_SET_WEBHOOK_URL, secret: process.env.NOT_SET_WEBHOOK_SECRET },
    });
    const submitted = (await (await proxy(submitRequest())).json()) as { id: string; polling_url: string };
    expect(mock.task(submitted.id)?.webhookUrl).toBeNull();
    await mock.advance(100);
    const ready = (await (await proxy(new Request(submitted.polling_url))).json()) as { status: string };
    expect(ready.status).toBe("Ready");
    const delivery = await proxy(new Request(WEBHOOK, { method: "POST", body: "{}" }));
    expect(delivery.status).toBe(500);
    expect(((await delivery.json()) as { code: string }).code).toBe("misconfigured");
    await proxy(submitRequest());
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]?.[0])).toMatch(/webhooks\.publicUrl/);
    errors.mockRestore();
  });
});

describe("the proxy's webhooks, when things go wrong", () => {
  it("never shows the webhook secret: not when BFL's 422 echoes the body, nor in a log line", async () => {
    const logs: ProxyLogEvent[] = [];
    const sent: string[] = [];
    const proxy = createFluxProxy({
      apiKey: "mock-key",
      allowAnonymous: true,
      clientId: () => "u",
      validate: false,
      logger: (event) => logs.push(event),
      // BFL's FastAPI 422 echoes the body it refused, webhook fields included
      fetch: (_input, init) => {
        const body = init?.body as string;
        sent.push(body);
        const input: unknown = JSON.parse(body);
        return Promise.resolve(
          Response.json(
            {
              detail: [{ type: "missing", loc: ["body", "prompt"], msg: "Field required", input }],
            },
            { status: 422 },
          ),
        );
      },
      onError: (event) => logs.push({ level: "error", event: "onError", error: event.error }),
      webhooks: { publicUrl: WEBHOOK, secret: SECRET },
    });
    const answer = await proxy(submitRequest({ width: 1024 }));
    expect(answer.status).toBe(422);
    expect(sent[0]).toContain(SECRET);
    const text = await answer.text();
    expect(text).not.toContain(SECRET);
    expect(text).toContain(WEBHOOK);
    expect(JSON.stringify(logs)).not.toContain(SECRET);
  });

  it("a webhook that comes before its submit's answer is kept: the first poll answers Ready", async () => {
    // the mock finishes the task and delivers its webhook while the submit's answer is still on its way back
    const ref: { proxy?: ReturnType<typeof createFluxProxy> } = {};
    let deliveredNow!: (status: number) => void;
    const deliveredStatus = new Promise<number>((resolve) => (deliveredNow = resolve));
    const mock: MockBfl = createMockBfl({
      deliveryOrigin: "https://delivery-eu.bfl.ai",
      clock: "manual",
      durationMs: 50,
      webhooks: {
        retryDelaysMs: [],
        fetch: async (request) => {
          const answer = await ref.proxy!(request);
          deliveredNow(answer.status);
          return answer;
        },
      },
    });
    const proxy = (ref.proxy = createFluxProxy({
      apiKey: "mock-key",
      allowAnonymous: true,
      clientId: () => "u",
      webhooks: { publicUrl: WEBHOOK, secret: SECRET },
      fetch: async (input, init) => {
        const answer = await mock.fetch(input, init);
        if (init?.method === "POST") {
          await mock.advance(100);
          expect(await deliveredStatus).toBe(200);
        }
        return answer;
      },
    }));
    const submitted = (await (await proxy(submitRequest())).json()) as { polling_url: string };
    const first = (await (await proxy(new Request(submitted.polling_url))).json()) as { status: string };
    expect(first.status).toBe("Ready");
    expect(mock.requests.filter((r) => r.route === "poll")).toHaveLength(0);
  });

  it("a hook that fails answers the delivery 500, so BFL delivers again and the hook runs again", async () => {
    let calls = 0;
    const { proxy, mock, delivered, submit, poll } = rig({
      onResult: () => {
        calls += 1;
        if (calls === 1) throw new Error("storage down");
        return { sample: "https://cdn.example/kept.jpg" };
      },
    });
    const task = await submit();
    await mock.advance(100);
    const first = await delivered();
    expect(first.status).toBe(500);
    expect(calls).toBe(1);
    // BFL's retry (sent here by hand: the rig's mock does not retry) runs the hook again, now with success
    const retry = await proxy(
      new Request(WEBHOOK, { method: "POST", headers: first.headers, body: first.body }),
    );
    expect(retry.status).toBe(200);
    expect(calls).toBe(2);
    expect((await poll(task.polling_url)).result?.sample).toBe("https://cdn.example/kept.jpg");
    expect(calls).toBe(2);
  });

  it("a store that fails: the delivery gets 503 (BFL delivers again), a poll asks BFL, nothing is lost", async () => {
    const memory = createMemoryStore();
    let down = false;
    const failing = (name: keyof ProxyStore) =>
      ((...args: never[]) =>
        down
          ? Promise.reject(new Error("connection refused"))
          : (memory[name] as (...a: never[]) => Promise<unknown>)(...args)) as never;
    const store = Object.fromEntries(
      (Object.keys(memory) as (keyof ProxyStore)[]).map((name) => [name, failing(name)]),
    ) as unknown as ProxyStore;
    const { mock, delivered, submit, poll, upstreamPolls } = rig({ store });
    const task = await submit();
    down = true;
    await mock.advance(100);
    expect((await delivered()).status).toBe(503);
    expect((await poll(task.polling_url)).status).toBe("Ready");
    expect(upstreamPolls()).toBe(1);
  });

  it("progress reports are acknowledged and change nothing; a payload it cannot read is a 400", async () => {
    const { submit, poll, proxy, upstreamPolls } = rig();
    const task = await submit();
    const id = new URL(task.polling_url).searchParams.get("id")!;
    const send = async (payload: string) => {
      const headers = await signWebhook({ body: payload, secret: SECRET, scheme: "hmac-sha256" });
      return proxy(new Request(WEBHOOK, { method: "POST", headers, body: payload }));
    };
    expect((await send(JSON.stringify({ task_id: id, status: "PENDING", progress: 40 }))).status).toBe(200);
    expect((await poll(task.polling_url)).status).toBe("Pending");
    const unreadable = await send(JSON.stringify({ nothing: true }));
    expect(unreadable.status).toBe(400);
    expect(((await unreadable.json()) as { detail: string }).detail).toMatch(/task_id/);
    expect(upstreamPolls()).toBe(0);
  });
});
