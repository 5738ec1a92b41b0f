// Hostile clients: scenarios that take more than one request (slots, ownership, tokens, slow bodies, what an
// upstream echoes), each with the outcome the proxy must hold to. Run by security.hostile.test.ts.
import { expect, vi } from "vitest";
import type { FluxProxyOptions, ProxyRequestInfo } from "../src/options";
import { createFakeBfl, TEST_KEY, type FakeBflOptions } from "./fakeBfl";
import { BASE, get, post, setup, submitTask, visible } from "./helpers";

export interface Scenario {
  readonly name: string;
  readonly run: () => Promise<void>;
}

type Proxy = (request: Request, info?: ProxyRequestInfo) => Promise<Response>;

const A: ProxyRequestInfo = { clientAddress: "198.51.100.1" };
const B: ProxyRequestInfo = { clientAddress: "198.51.100.2" };
const REGIONAL: FakeBflOptions = { pollingOrigin: "https://api.eu2.bfl.ai", strictPollingOrigin: true };

const submit = (proxy: Proxy, info: ProxyRequestInfo = A, body: unknown = { prompt: "x" }) =>
  proxy(post("/v1/flux-2-pro", body), info);
const statusOf = async (res: Response) => ((await res.json()) as { status?: string }).status;

/** A limit-1 proxy whose one slot is taken by client A's running regional task. */
async function oneSlotTaken(options: FluxProxyOptions = {}) {
  const { fake, proxy } = setup({ limits: { maxActiveTasksPerClient: 1 }, ...options }, REGIONAL);
  const task = await submitTask(proxy, A);
  expect(task.id).toBe("task-1");
  return { fake, proxy, task };
}

/** The slot is still taken: A's next submit is refused with the proxy's own 429. */
async function expectStillLimited(proxy: Proxy, info: ProxyRequestInfo = A) {
  const res = await submit(proxy, info);
  expect(res.status).toBe(429);
  expect(await res.json()).toMatchObject({ code: "client_limit" });
}

/** A fetch to the fake BFL that honours the caller's signal, as the platform's fetch does. */
function abortableFetch(fake: ReturnType<typeof createFakeBfl>, hold: Promise<void>): typeof fetch {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      void hold.then(() => fake.fetch(input, init).then(resolve, reject));
    });
}

/**
 * An upstream answer that carries the key in `form` (written into the JSON text as it stands, so `\u0074…` is a
 * JSON escape that decodes to the key), in its body and its `Retry-After`, for the redaction scenarios.
 */
function echoes(form: string, status = 403): Scenario["run"] {
  return async () => {
    const { fake, proxy } = setup();
    fake.script(status, `{"detail":"rejected: ${form}"}`, { "retry-after": form });
    const res = await proxy(get("/v1/get_result?id=a"));
    const text = await res.clone().text();
    const seen = await visible(res);
    expect(res.status).toBe(status);
    expect(seen).not.toContain(form);
    expect(seen).not.toContain(TEST_KEY);
    expect(JSON.stringify(JSON.parse(text))).not.toContain(TEST_KEY);
    expect(res.headers.get("retry-after")).toBeNull();
  };
}

/** What a careless `authorize` might return instead of `true` / `{ allow: true }`. */
const AUTHORIZE_VALUES: readonly (readonly [string, unknown])[] = [
  ["a truthy string", "yes"],
  ["a number", 1],
  ["null", null],
  ["an object without allow", {}],
  ["allow: 1", { allow: 1 }],
  ["allow: 'true'", { allow: "true" }],
];

const b64 = (text: string) => Buffer.from(text).toString("base64");

export const scenarios: Scenario[] = [
  {
    name: "poll: dropping the token sends the poll to the wrong host, whose Task not found frees nothing",
    async run() {
      const onResult = vi.fn();
      const { fake, proxy, task } = await oneSlotTaken({ onResult });
      for (let i = 0; i < 5; i++) {
        const res = await proxy(get(`/v1/get_result?id=${task.id}`), A);
        expect(await statusOf(res)).toBe("Task not found");
        await expectStillLimited(proxy);
      }
      expect(fake.running()).toEqual(["task-1"]);
      expect(onResult).not.toHaveBeenCalled();
    },
  },
  {
    name: "poll: another task's token neither reaches BFL nor frees the slot",
    async run() {
      const { fake, proxy, task } = await oneSlotTaken({ limits: { maxActiveTasksPerClient: 2 } });
      const other = await submitTask(proxy, A);
      const token = new URL(other.poll, BASE).searchParams.get("t")!;
      const before = fake.calls.length;
      const res = await proxy(get(`/v1/get_result?id=${task.id}&t=${token}`), A);
      expect(await statusOf(res)).toBe("Task not found");
      expect(fake.calls).toHaveLength(before);
      await expectStillLimited(proxy);
    },
  },
  {
    name: "poll: another client with the submitter's polling URL gets Task not found and frees nothing",
    async run() {
      const { fake, proxy, task } = await oneSlotTaken();
      const before = fake.calls.length;
      for (let i = 0; i < 3; i++) {
        const res = await proxy(get(task.poll), B);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({
          id: task.id,
          status: "Task not found",
          result: null,
          progress: null,
          details: null,
          preview: null,
        });
      }
      expect(fake.calls).toHaveLength(before);
      await expectStillLimited(proxy);
    },
  },
  {
    name: "poll: another client polling the bare id gets Task not found, not the submitter's result",
    async run() {
      const { fake, proxy } = setup({}, { pendingPolls: 0 });
      const task = await submitTask(proxy, A);
      const before = fake.calls.length;
      const res = await proxy(get(`/v1/get_result?id=${task.id}`), B);
      expect(await statusOf(res)).toBe("Task not found");
      expect(fake.calls).toHaveLength(before);
      expect(await statusOf(await proxy(get(task.poll), A))).toBe("Ready");
    },
  },
  {
    name: "poll: onResult runs once, with the submitter's client id, never for another client",
    async run() {
      const onResult = vi.fn();
      const { proxy } = setup({ onResult }, { pendingPolls: 0 });
      const task = await submitTask(proxy, A);
      await proxy(get(task.poll), B);
      expect(onResult).not.toHaveBeenCalled();
      expect(await statusOf(await proxy(get(task.poll), A))).toBe("Ready");
      expect(await statusOf(await proxy(get(task.poll), A))).toBe("Ready");
      expect(onResult).toHaveBeenCalledTimes(1);
      expect(onResult).toHaveBeenCalledWith(expect.objectContaining({ clientId: "ip:198.51.100.1" }));
    },
  },
  {
    name: "poll: only the owner's poll at the task's own host frees its slot",
    async run() {
      const { proxy, task } = await oneSlotTaken();
      expect(await statusOf(await proxy(get(task.poll), A))).toBe("Pending");
      expect(await statusOf(await proxy(get(task.poll), A))).toBe("Ready");
      expect((await submit(proxy, A)).status).toBe(200);
    },
  },
  {
    name: "submit: a client abort after the body was forwarded keeps the slot (the task exists)",
    async run() {
      const fake = createFakeBfl();
      let inFlight!: () => void;
      const forwarded = new Promise<void>((r) => (inFlight = r));
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const onSubmit = vi.fn();
      const fetch = abortableFetch(fake, held);
      const { proxy } = setup({
        limits: { maxActiveTasksPerClient: 1 },
        fetch: (input, init) => {
          inFlight();
          return fetch(input, init);
        },
        onSubmit,
      });
      const controller = new AbortController();
      const answer = proxy(
        new Request(`${BASE}/v1/flux-2-pro`, {
          method: "POST",
          body: JSON.stringify({ prompt: "x" }),
          signal: controller.signal,
        }),
        A,
      );
      await forwarded;
      controller.abort();
      release();
      await answer;
      // the task was made and bound to the slot, and its id reached onSubmit, though its client left
      expect(fake.calls).toHaveLength(1);
      expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ taskId: "task-1" }));
      await expectStillLimited(proxy);
    },
  },
  {
    name: "submit: a 2xx answer that cannot be read keeps the slot (the task may exist)",
    async run() {
      const { fake, proxy } = setup({ limits: { maxActiveTasksPerClient: 1 } });
      fake.script(200, "<html>gateway</html>");
      expect((await submit(proxy)).status).toBe(502);
      await expectStillLimited(proxy);
    },
  },
  {
    name: "submit: a 2xx answer without a task id keeps the slot",
    async run() {
      const { fake, proxy } = setup({ limits: { maxActiveTasksPerClient: 1 } });
      fake.script(200, JSON.stringify({ status: "queued" }));
      expect((await submit(proxy)).status).toBe(502);
      await expectStillLimited(proxy);
    },
  },
  {
    name: "submit: an upstream timeout keeps the slot (the task may exist)",
    async run() {
      const { proxy } = setup({
        limits: { maxActiveTasksPerClient: 1, upstreamTimeoutMs: 10 },
        fetch: (_input, init) =>
          new Promise<Response>((_resolve, reject) =>
            init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
          ),
      });
      const res = await submit(proxy);
      expect(res.status).toBe(504);
      expect(await res.json()).toMatchObject({ code: "upstream_timeout" });
      await expectStillLimited(proxy);
    },
  },
  {
    name: "submit: a connection reset after sending keeps the slot",
    async run() {
      const reset = Object.assign(new TypeError("fetch failed"), {
        cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
      });
      const { proxy } = setup({
        limits: { maxActiveTasksPerClient: 1 },
        fetch: () => Promise.reject(reset),
      });
      expect((await submit(proxy)).status).toBe(502);
      await expectStillLimited(proxy);
    },
  },
  {
    name: "submit: a refused connection (nothing sent) frees the slot",
    async run() {
      const refused = Object.assign(new TypeError("fetch failed"), {
        cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      });
      const { proxy } = setup({
        limits: { maxActiveTasksPerClient: 1 },
        fetch: () => Promise.reject(refused),
      });
      for (let i = 0; i < 3; i++) {
        const res = await submit(proxy);
        expect(res.status).toBe(502);
        expect(await res.json()).toMatchObject({ code: "upstream_unreachable" });
      }
    },
  },
  {
    name: "trustProxy: a client rotating the left-most X-Forwarded-For entry stays one client",
    async run() {
      const { proxy } = setup({ trustProxy: true, limits: { maxActiveTasksPerClient: 1 } });
      const from = (spoofed: string) =>
        proxy(post("/v1/flux-2-pro", { prompt: "x" }, { "x-forwarded-for": `${spoofed}, 203.0.113.9` }), {
          clientAddress: "10.0.0.1",
        });
      expect((await from("1.1.1.1")).status).toBe(200);
      expect((await from("2.2.2.2")).status).toBe(429);
      expect((await from("3.3.3.3")).status).toBe(429);
    },
  },
  {
    name: "trustProxy: a number of hops skips exactly that many proxies from the right",
    async run() {
      const onSubmit = vi.fn();
      const { proxy } = setup({ trustProxy: 2, onSubmit });
      await proxy(
        post("/v1/flux-2-pro", { prompt: "x" }, { "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2" }),
        { clientAddress: "10.0.0.1" },
      );
      expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ clientId: "ip:203.0.113.9" }));
    },
  },
  {
    name: "trustProxy: a list trusts only those proxies, and an untrusted peer's X-Forwarded-For is ignored",
    async run() {
      const onSubmit = vi.fn();
      const { proxy } = setup({ trustProxy: ["10.0.0.0/8"], onSubmit });
      const headers = { "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2" };
      await proxy(post("/v1/flux-2-pro", { prompt: "x" }, headers), { clientAddress: "10.0.0.1" });
      expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ clientId: "ip:203.0.113.9" }));
      await proxy(post("/v1/flux-2-pro", { prompt: "x" }, headers), { clientAddress: "198.51.100.7" });
      expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ clientId: "ip:198.51.100.7" }));
    },
  },
  {
    name: "trustProxy: forwarded host and scheme from an untrusted peer are ignored",
    async run() {
      const { proxy } = setup({ trustProxy: ["10.0.0.0/8"] });
      const res = await proxy(
        post(
          "/v1/flux-2-pro",
          { prompt: "x" },
          { "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" },
        ),
        { clientAddress: "198.51.100.7" },
      );
      const { polling_url } = (await res.json()) as { polling_url: string };
      expect(new URL(polling_url).origin).toBe("https://app.example");
    },
  },
  {
    name: "origin: with publicOrigin set, a DNS-rebinding Host that matches its Origin is refused",
    async run() {
      const { fake, proxy } = setup({ publicOrigin: "https://app.example" });
      const rebound = new Request("http://evil.example/api/flux/v1/flux-2-pro", {
        method: "POST",
        headers: { origin: "http://evil.example", host: "evil.example" },
        body: '{"prompt":"x"}',
      });
      const res = await proxy(rebound);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: "origin_not_allowed" });
      expect(fake.calls).toHaveLength(0);
    },
  },
  {
    name: "origin: the same host on another scheme is another origin",
    async run() {
      const { proxy } = setup();
      const res = await proxy(post("/v1/flux-2-pro", { prompt: "x" }, { origin: "http://app.example" }));
      expect(res.status).toBe(403);
    },
  },
  {
    name: "origin: the same host on another port is another origin",
    async run() {
      const { proxy } = setup();
      const res = await proxy(
        post("/v1/flux-2-pro", { prompt: "x" }, { origin: "https://app.example:8443" }),
      );
      expect(res.status).toBe(403);
    },
  },
  ...AUTHORIZE_VALUES.map(([what, value]): Scenario => ({
    name: `authorize: ${what} refuses (only true or { allow: true } allow)`,
    async run() {
      const warnings: string[] = [];
      const { fake, proxy } = setup({
        allowAnonymous: false,
        authorize: (): boolean => value as boolean,
        logger: (e) => void (e.level === "warn" && warnings.push(e.event)),
      });
      const res = await submit(proxy);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: "forbidden" });
      expect(fake.calls).toHaveLength(0);
      expect(warnings).toContain("authorize_result");
    },
  })),
  {
    name: "body: a client that drips the body gets 408 instead of holding the connection",
    async run() {
      const { fake, proxy } = setup({ limits: { bodyTimeoutMs: 20 } });
      const drip = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"prompt":'));
          // …and nothing more, ever
        },
      });
      const res = await proxy(
        new Request(`${BASE}/v1/flux-2-pro`, { method: "POST", body: drip, duplex: "half" } as RequestInit),
      );
      expect(res.status).toBe(408);
      expect(await res.json()).toMatchObject({ code: "body_timeout" });
      expect(fake.calls).toHaveLength(0);
    },
  },
  {
    name: "body: a JSON-escaped __proto__ key reaches neither BFL nor onSubmit, and a naive merge stays clean",
    async run() {
      const merged: Record<string, unknown> = {};
      const merge = (target: Record<string, unknown>, source: Record<string, unknown>) => {
        for (const key of Object.keys(source)) {
          const value = source[key];
          if (value && typeof value === "object") {
            target[key] ??= {};
            merge(target[key] as Record<string, unknown>, value as Record<string, unknown>);
          } else target[key] = value;
        }
      };
      const { fake, proxy } = setup({ onSubmit: ({ input }) => merge(merged, input) });
      const res = await submit(proxy, A, '{"prompt":"x","\\u005f_proto__":{"polluted":true}}');
      expect(res.status).toBe(200);
      expect(JSON.parse(fake.calls[0]!.body)).toEqual({ prompt: "x" });
      expect(merged).toEqual({ prompt: "x" });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  },
  {
    name: "body: escaped constructor and prototype keys are dropped at every depth",
    async run() {
      const { fake, proxy } = setup();
      const body =
        '{"prompt":"x","\\u0063onstructor":{"\\u0070rototype":{"polluted":true}},"a":[{"__pro\\u0074o__":1}]}';
      expect((await submit(proxy, A, body)).status).toBe(200);
      expect(JSON.parse(fake.calls[0]!.body)).toEqual({ prompt: "x", a: [{}] });
    },
  },
  { name: "redaction: the key verbatim in Retry-After and the body", run: echoes(TEST_KEY, 429) },
  {
    name: "redaction: the key JSON-escaped",
    run: echoes(Array.from(TEST_KEY, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")),
  },
  {
    name: "redaction: the key percent-encoded",
    run: echoes(Array.from(TEST_KEY, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join("")),
  },
  { name: "redaction: the key in base64", run: echoes(b64(TEST_KEY)) },
  { name: "redaction: the key in base64 inside a longer value", run: echoes(b64(`Basic x:${TEST_KEY}`)) },
  {
    name: "redaction: the key in base64url",
    run: echoes(Buffer.from(`${TEST_KEY}??>>`).toString("base64url")),
  },
  {
    name: "webhooks: a browser's webhook_url and webhook_secret are stripped by default",
    async run() {
      const { fake, proxy } = setup();
      const res = await submit(proxy, A, {
        prompt: "x",
        webhook_url: "https://attacker.example/hook",
        webhook_secret: "s",
      });
      expect(res.status).toBe(200);
      expect(JSON.parse(fake.calls[0]!.body)).toEqual({ prompt: "x" });
    },
  },
  {
    name: "webhooks: clientWebhooks 'reject' refuses them with 400, 'forward' passes them on",
    async run() {
      const body = { prompt: "x", webhook_url: "https://hooks.example/a" };
      const rejecting = setup({ clientWebhooks: "reject" });
      const refused = await submit(rejecting.proxy, A, body);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ code: "invalid_body" });
      expect(rejecting.fake.calls).toHaveLength(0);
      const forwarding = setup({ clientWebhooks: "forward" });
      expect((await submit(forwarding.proxy, A, body)).status).toBe(200);
      expect(JSON.parse(forwarding.fake.calls[0]!.body)).toEqual(body);
    },
  },
];
