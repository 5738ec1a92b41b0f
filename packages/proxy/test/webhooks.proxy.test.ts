// The proxy's own webhooks (`createFluxProxy({ webhooks })`) against @flux-kit/mock on loopback: BFL calls
// the proxy when a task ends, and polls are answered from the store without asking BFL.
import { signWebhook } from "@flux-kit/core";
import { startMockServer, type MockServer, type MockWebhookOptions } from "@flux-kit/mock";
import { afterEach, describe, expect, it } from "vitest";
import { createFluxProxy, createMemoryStore, type FluxProxyOptions, type ProxyLogEvent } from "../src/index";
import { createNodeHandler } from "../src/node";
import { serve } from "./wire";

const SECRET = "whsec-test-0123456789abcdef";
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** What one webhook delivery carried, and how the proxy answered it. */
interface Delivery {
  readonly headers: Headers;
  readonly sent: string;
  readonly status: number;
  readonly answer: string;
}

/**
 * The mock's webhook deliveries as they reach the proxy through `fetchVia(send)`: `next()` resolves with the
 * next one once the proxy has answered it.
 */
function deliveries() {
  const done: Delivery[] = [];
  const waiting: ((delivery: Delivery) => void)[] = [];
  const fetchVia = (send: (request: Request) => Promise<Response>) => async (request: Request) => {
    const sent = await request.clone().text();
    const response = await send(request);
    const delivery = {
      headers: new Headers(request.headers),
      sent,
      status: response.status,
      answer: await response.clone().text(),
    };
    const next = waiting.shift();
    if (next) next(delivery);
    else done.push(delivery);
    return response;
  };
  return {
    fetchVia,
    next: () =>
      new Promise<Delivery>((resolve) => {
        const ready = done.shift();
        if (ready) resolve(ready);
        else waiting.push(resolve);
      }),
  };
}

interface Rig {
  readonly mock: MockServer;
  readonly url: string;
  readonly delivered: ReturnType<typeof deliveries>;
  readonly logs: ProxyLogEvent[];
  /** Upstream requests the mock saw for `get_result`. */
  readonly polls: () => number;
}

/**
 * The mock (manual clock, 50 ms tasks) on a socket, and the proxy on another, with the mock's webhooks posted
 * over HTTP to the proxy's webhook route.
 */
async function rig(options: Partial<FluxProxyOptions> = {}, hooks: MockWebhookOptions = {}): Promise<Rig> {
  const delivered = deliveries();
  const mock = await startMockServer({
    clock: "manual",
    durationMs: 50,
    webhooks: { retryDelaysMs: [], ...hooks, fetch: delivered.fetchVia((request) => fetch(request)) },
  });
  closers.push(() => mock.close());
  const logs: ProxyLogEvent[] = [];
  // the proxy's URL is known once it listens; its handler is made then
  const ref: { handler?: ReturnType<typeof createNodeHandler> } = {};
  const proxy = await serve((req, res) => void ref.handler!(req, res));
  closers.push(proxy.close);
  ref.handler = createNodeHandler({
    apiKey: "mock-key",
    allowAnonymous: true,
    upstream: mock.url,
    imageProxy: { allowedOrigins: [mock.deliveryUrl] },
    logger: (event) => logs.push(event),
    ...options,
    webhooks: { publicUrl: `${proxy.url}/api/flux/v1/webhook`, secret: SECRET, ...options.webhooks },
  });
  return {
    mock,
    url: proxy.url,
    delivered,
    logs,
    polls: () => mock.mock.requests.filter((r) => r.route === "poll").length,
  };
}

const submit = async (
  url: string,
  model = "flux-2-pro",
  body: object = { prompt: "a fox", width: 256, height: 256 },
) => {
  const answer = await fetch(`${url}/api/flux/v1/${model}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
};

const poll = async (pollingUrl: string) =>
  (await (await fetch(pollingUrl)).json()) as { status: string; result?: { sample: string } | null };

describe("the proxy's webhooks", () => {
  it.each([
    ["field", "shared-secret"],
    ["skill", "hmac-sha256"],
  ] as const)(
    "a task delivered by webhook (%s payload, %s) is answered from the store: BFL sees no poll",
    async (version, scheme) => {
      const results: string[] = [];
      const submits: Record<string, unknown>[] = [];
      const { mock, url, delivered, polls } = await rig(
        {
          onSubmit: ({ input }) => void submits.push(input),
          onResult: ({ taskId, clientId }) => void results.push(`${taskId} ${clientId}`),
        },
        { version },
      );
      const { status, body } = await submit(url);
      expect(status).toBe(200);
      const id = body.id as string;
      // the browser sees neither the proxy's webhook URL nor its secret; onSubmit sees what the browser sent
      expect(Object.keys(body)).not.toContain("webhook_url");
      expect(JSON.stringify(body)).not.toContain(SECRET);
      expect(submits).toEqual([{ prompt: "a fox", width: 256, height: 256 }]);
      // BFL was given the proxy's webhook
      expect(mock.mock.task(id)?.webhookUrl).toBe(`${url}/api/flux/v1/webhook`);

      const pollingUrl = body.polling_url as string;
      expect((await poll(pollingUrl)).status).toBe("Pending");
      expect((await poll(pollingUrl)).status).toBe("Pending");

      await mock.mock.advance(100);
      const delivery = await delivered.next();
      expect([delivery.status, delivery.answer]).toEqual([200, '{"ok":true}']);
      const ready = await poll(pollingUrl);
      expect(ready.status).toBe("Ready");
      // the sample points at the proxy's image route, which streams the mock's JPEG
      const sample = ready.result!.sample;
      expect(sample.startsWith(`${url}/api/flux/v1/image?u=`)).toBe(true);
      const image = await fetch(sample);
      expect(image.status).toBe(200);
      expect(new Uint8Array(await image.arrayBuffer()).subarray(0, 2)).toEqual(new Uint8Array([0xff, 0xd8]));

      expect(polls()).toBe(0);
      expect(results).toEqual([`${id} ip:127.0.0.1`]);
      // the signed delivery carried the secret the proxy chose (shared-secret: in a header; HMAC: as its key)
      if (scheme === "shared-secret") expect(delivery.headers.get("x-webhook-secret")).toBe(SECRET);
      else {
        const expected = new Headers(await signWebhook({ body: delivery.sent, secret: SECRET, scheme }));
        expect(delivery.headers.get("x-bfl-signature")).toBe(expected.get("x-bfl-signature"));
      }
    },
  );

  it("a failed or moderated task's delivery answers its poll as BFL would", async () => {
    const { mock, url, delivered, polls } = await rig();
    const failed = await submit(url, "flux-2-pro", { prompt: "a fox [mock:error]" });
    const moderated = await submit(url, "flux-2-pro", { prompt: "a fox [mock:content-moderated]" });
    await mock.mock.advance(100);
    await delivered.next();
    await delivered.next();
    expect(await poll(failed.body.polling_url as string)).toMatchObject({ status: "Error", result: null });
    expect(await poll(moderated.body.polling_url as string)).toMatchObject({
      status: "Content Moderated",
      result: null,
    });
    expect(polls()).toBe(0);
  });

  it("with no one polling (the tab closed), the delivery frees the client's place and runs onResult", async () => {
    const results: string[] = [];
    const { mock, url, delivered } = await rig({
      limits: { maxActiveTasksPerClient: 1 },
      onResult: ({ taskId }) => void results.push(taskId),
    });
    const first = await submit(url);
    expect(first.status).toBe(200);
    expect((await submit(url)).status).toBe(429);
    await mock.mock.advance(100);
    expect((await delivered.next()).status).toBe(200);
    expect(results).toEqual([first.body.id]);
    expect((await submit(url)).status).toBe(200);
  });

  it("a repeated delivery changes nothing: onResult ran once, the answer stays the first", async () => {
    const results: string[] = [];
    const { mock, url, delivered } = await rig({ onResult: ({ taskId }) => void results.push(taskId) });
    const { body } = await submit(url);
    await mock.mock.advance(100);
    const first = await delivered.next();
    const again = await fetch(`${url}/api/flux/v1/webhook`, {
      method: "POST",
      headers: first.headers,
      body: first.sent,
    });
    expect(again.status).toBe(200);
    expect(results).toEqual([body.id]);
    expect((await poll(body.polling_url as string)).status).toBe("Ready");
  });

  it("a delivery without the secret is refused (401) and answers nothing: the task stays Pending", async () => {
    const { url, logs } = await rig();
    const { body } = await submit(url);
    const forged = JSON.stringify({
      task_id: body.id,
      status: "SUCCESS",
      result: { sample: "https://evil.example/x.jpg" },
    });
    for (const headers of [{}, { "x-webhook-secret": "not-the-secret-at-all" }]) {
      const answer = await fetch(`${url}/api/flux/v1/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: forged,
      });
      expect(answer.status).toBe(401);
    }
    const signedWrong = await signWebhook({
      body: forged,
      secret: "another-secret-0123456789",
      scheme: "hmac-sha256",
    });
    const answer = await fetch(`${url}/api/flux/v1/webhook`, {
      method: "POST",
      headers: signedWrong,
      body: forged,
    });
    expect(answer.status).toBe(401);
    expect((await poll(body.polling_url as string)).status).toBe("Pending");
    expect(logs.filter((e) => e.event === "refused" && e.reason === "webhook_signature")).toHaveLength(3);
  });

  it("only POST reaches the webhook route; without `webhooks` there is none", async () => {
    const { url } = await rig();
    const get = await fetch(`${url}/api/flux/v1/webhook`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST, OPTIONS");
    const plain = createFluxProxy({ apiKey: "k", allowAnonymous: true });
    const none = await plain(
      new Request("https://app.example/api/flux/v1/webhook", { method: "POST", body: "{}" }),
    );
    expect(none.status).toBe(404);
  });

  it("FLUX 3 Image, whose strict schema has no webhook fields, is sent none and polled upstream", async () => {
    const { mock, url, polls } = await rig();
    const { status, body } = await submit(url, "flux-3-image", { prompt: "a fox" });
    expect(status).toBe(200);
    expect(mock.mock.task(body.id as string)?.webhookUrl).toBeNull();
    await mock.mock.advance(100_000);
    expect((await poll(body.polling_url as string)).status).toBe("Ready");
    expect(polls()).toBe(1);
  });

  it("a submit answered in BFL's webhook shape (no polling_url) is still given the proxy's polling URL", async () => {
    const { mock, url, delivered, polls } = await rig({}, { submitResponse: "webhook" });
    const { status, body } = await submit(url);
    expect(status).toBe(200);
    expect(Object.keys(body)).not.toContain("webhook_url");
    expect(body.polling_url).toMatch(new RegExp(`^${url}/api/flux/v1/get_result\\?id=${String(body.id)}&t=`));
    await mock.mock.advance(100);
    await delivered.next();
    expect((await poll(body.polling_url as string)).status).toBe("Ready");
    expect(polls()).toBe(0);
  });
});

describe("when the webhook does not come", () => {
  it("polls answer Pending until the fallback wait ends, then BFL is polled and the result arrives", async () => {
    let now = Date.now();
    const logs: ProxyLogEvent[] = [];
    let unreachable!: (url: string) => void;
    const attempted = new Promise<string>((resolve) => (unreachable = resolve));
    const mock = await startMockServer({
      clock: "manual",
      durationMs: 50,
      // BFL cannot reach the server (local development, a firewall)
      webhooks: {
        retryDelaysMs: [],
        fetch: (request) => {
          unreachable(request.url);
          return Promise.reject(new TypeError("fetch failed"));
        },
      },
    });
    closers.push(() => mock.close());
    const proxy = createFluxProxy({
      apiKey: "mock-key",
      allowAnonymous: true,
      upstream: mock.url,
      store: createMemoryStore({ now: () => now }),
      clientId: () => "dev",
      logger: (event) => logs.push(event),
      webhooks: { publicUrl: "https://dev.example/api/flux/v1/webhook", secret: SECRET },
    });
    const answer = await proxy(
      new Request("https://app.example/api/flux/v1/flux-2-pro", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ prompt: "a fox" }),
      }),
    );
    const { polling_url } = (await answer.json()) as { polling_url: string };
    const pollOnce = async () => (await (await proxy(new Request(polling_url))).json()) as { status: string };
    await mock.mock.advance(100);
    expect(await attempted).toBe("https://dev.example/api/flux/v1/webhook");
    const upstreamPolls = () => mock.mock.requests.filter((r) => r.route === "poll").length;

    // flux-2-pro's default wait: three typical runs (12 s), 36 s
    now += 35_000;
    expect((await pollOnce()).status).toBe("Pending");
    expect(upstreamPolls()).toBe(0);
    now += 1_001;
    expect((await pollOnce()).status).toBe("Ready");
    expect(upstreamPolls()).toBe(1);
    // said once, with what to check
    const late = logs.filter((e) => e.event === "webhook_late");
    expect(late).toHaveLength(1);
    expect(late[0]!.message).toMatch(/webhooks\.publicUrl/);
  });
});
