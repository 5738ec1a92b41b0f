import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createNodeHandler } from "../src/node";
import type { FluxProxyOptions } from "../src/options";
import { createFakeBfl, TEST_KEY, type FakeBflOptions } from "./fakeBfl";
import { scenarios } from "./hostileCases";
import { cases } from "./requestCases";
import { raw, serve } from "./wire";

describe("hostile clients", () => {
  it("the adversarial suite names at least 60 cases (requests and scenarios)", () => {
    expect(cases.length + scenarios.length).toBeGreaterThanOrEqual(60);
    expect(new Set([...cases, ...scenarios].map((c) => c.name)).size).toBe(cases.length + scenarios.length);
  });

  it.each(scenarios)("$name", async ({ run }) => {
    await run();
  });
});

// The scenarios that depend on the transport, through the Node adapter on real loopback sockets.
describe("hostile clients through the Node adapter, on loopback", () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (closers.length) await closers.pop()!();
  });

  async function start(options: FluxProxyOptions, upstreamUrl: string) {
    const handler = createNodeHandler({
      apiKey: TEST_KEY,
      allowAnonymous: true,
      upstream: upstreamUrl,
      ...options,
    });
    const proxy = await serve((req, res) => void handler(req, res));
    closers.push(proxy.close);
    return proxy;
  }

  const submitBody = JSON.stringify({ prompt: "x" });
  const submitHeaders = { "content-type": "application/json", "content-length": String(submitBody.length) };

  it("a client that leaves after its body was forwarded keeps its slot; onSubmit still learns the task", async () => {
    let forwarded!: () => void;
    const inFlight = new Promise<void>((r) => (forwarded = r));
    let answer!: () => void;
    const held = new Promise<void>((r) => (answer = r));
    const upstream = await serve((req, res) => {
      req.resume();
      req.on("end", () => {
        forwarded();
        void held.then(() => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(
            JSON.stringify({ id: "task-1", polling_url: "https://api.bfl.ai/v1/get_result?id=task-1" }),
          );
        });
      });
    });
    closers.push(upstream.close);
    let submitted!: (taskId: string) => void;
    const onSubmit = new Promise<string>((r) => (submitted = r));
    const proxy = await start(
      { limits: { maxActiveTasksPerClient: 1 }, onSubmit: ({ taskId }) => submitted(taskId) },
      upstream.url,
    );
    const socket = net.connect(proxy.port, "127.0.0.1");
    await new Promise<void>((r) => socket.once("connect", r));
    socket.write(
      `POST /api/flux/v1/flux-2-pro HTTP/1.1\r\nHost: 127.0.0.1:${proxy.port}\r\ncontent-type: application/json\r\ncontent-length: ${submitBody.length}\r\n\r\n${submitBody}`,
    );
    await inFlight;
    const closed = new Promise<void>((r) => socket.once("close", r));
    socket.destroy();
    await closed;
    answer();
    expect(await onSubmit).toBe("task-1");
    const again = await raw(proxy.port, "POST", "/api/flux/v1/flux-2-pro", {
      headers: submitHeaders,
      body: submitBody,
    });
    expect(again.status).toBe(429);
    expect(JSON.parse(again.body)).toMatchObject({ code: "client_limit" });
  });

  it("a body dripped a byte at a time gets 408 and the connection is closed", async () => {
    const fake = createFakeBfl();
    const upstream = await fake.listen();
    closers.push(upstream.close);
    const proxy = await start({ limits: { bodyTimeoutMs: 50 } }, upstream.url);
    const socket = net.connect(proxy.port, "127.0.0.1");
    await new Promise<void>((r) => socket.once("connect", r));
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
    const closed = new Promise<void>((r) => socket.once("close", r));
    socket.write(
      `POST /api/flux/v1/flux-2-pro HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{`,
    );
    await closed;
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(received).toContain('"code":"body_timeout"');
    expect(fake.calls).toHaveLength(0);
  });

  it("a poll without its token, sent to the wrong regional host, frees nothing", async () => {
    const fakeOptions: FakeBflOptions = { strictPollingOrigin: true };
    const fake = createFakeBfl(fakeOptions);
    const api = await fake.listen();
    const region = await fake.listen();
    closers.push(api.close, region.close);
    fakeOptions.pollingOrigin = region.url;
    const proxy = await start(
      { limits: { maxActiveTasksPerClient: 1 }, allowedPollingOrigins: [region.url] },
      api.url,
    );
    const first = await raw(proxy.port, "POST", "/api/flux/v1/flux-2-pro", {
      headers: submitHeaders,
      body: submitBody,
    });
    const { id } = JSON.parse(first.body) as { id: string };
    for (let i = 0; i < 3; i++) {
      const poll = await raw(proxy.port, "GET", `/api/flux/v1/get_result?id=${id}`);
      expect(JSON.parse(poll.body)).toMatchObject({ status: "Task not found" });
    }
    const again = await raw(proxy.port, "POST", "/api/flux/v1/flux-2-pro", {
      headers: submitHeaders,
      body: submitBody,
    });
    expect(again.status).toBe(429);
    expect(fake.running()).toEqual([id]);
  });
});
