import { startMockServer, type MockServer } from "@flux-kit/mock";
import { afterEach, describe, expect, it } from "vitest";
import type { ProxyLogEvent } from "../src/index";
import { createNodeHandler } from "../src/node";
import { serve } from "./wire";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/**
 * Polls `url` until the task ends, moving the mock's manual clock between polls: no poll depends on how fast
 * the machine is.
 */
async function pollUntilDone(
  mock: MockServer,
  url: string,
): Promise<{ status: string; result?: { sample: string } }> {
  for (let i = 0; i < 50; i++) {
    const body = (await (await fetch(url)).json()) as { status: string; result?: { sample: string } };
    if (body.status !== "Pending") return body;
    await mock.mock.advance(10);
  }
  throw new Error("task never finished");
}

describe("through @flux-kit/mock on real sockets", () => {
  it("submits, follows the cluster polling host BFL named, and streams the image", async () => {
    const mock: MockServer = await startMockServer({
      pollingPort: 0,
      strictPollingOrigin: true,
      clock: "manual",
      durationMs: 50,
    });
    closers.push(() => mock.close());
    const handler = createNodeHandler({
      apiKey: "mock-key",
      allowAnonymous: true,
      upstream: mock.url,
      allowedPollingOrigins: [mock.pollingUrl],
      imageProxy: { allowedOrigins: [mock.deliveryUrl] },
    });
    const proxy = await serve((req, res) => void handler(req, res));
    closers.push(proxy.close);

    const submit = await fetch(`${proxy.url}/api/flux/v1/flux-2-pro`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: "a fox", width: 256, height: 256 }),
    });
    expect(submit.status).toBe(200);
    const { polling_url } = (await submit.json()) as { polling_url: string };
    expect(polling_url.startsWith(`${proxy.url}/api/flux/v1/get_result?id=`)).toBe(true);
    expect(new URL(polling_url).searchParams.get("t")).not.toBeNull();

    const done = await pollUntilDone(mock, polling_url);
    expect(done.status).toBe("Ready");
    const sample = done.result!.sample;
    expect(sample.startsWith(`${proxy.url}/api/flux/v1/image?u=`)).toBe(true);
    const image = await fetch(sample);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toMatch(/^image\//);
    expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(100);
  });

  it("says once when a sample is on a host the image route does not serve (the mock's, not allowed)", async () => {
    const mock = await startMockServer({ clock: "manual", durationMs: 20 });
    closers.push(() => mock.close());
    const logged: ProxyLogEvent[] = [];
    const handler = createNodeHandler({
      apiKey: "mock-key",
      allowAnonymous: true,
      upstream: mock.url,
      logger: (event) => logged.push(event),
    });
    const proxy = await serve((req, res) => void handler(req, res));
    closers.push(proxy.close);
    for (let i = 0; i < 2; i++) {
      const submit = await fetch(`${proxy.url}/api/flux/v1/flux-2-pro`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ prompt: "a fox", width: 256, height: 256 }),
      });
      const { polling_url } = (await submit.json()) as { polling_url: string };
      const done = await pollUntilDone(mock, polling_url);
      expect(done.status).toBe("Ready");
      // passed on as BFL's mock sent it
      expect(new URL(done.result!.sample).origin).toBe(mock.deliveryUrl);
    }
    const warnings = logged.filter((event) => event.event === "sample_not_proxied");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: "warn" });
    expect(String(warnings[0]!.message)).toContain(mock.deliveryUrl);
    expect(String(warnings[0]!.message)).toContain("imageProxy.allowedOrigins");
  });

  it("runs a FLUX Tools task (an id with a slash) from submit to image", async () => {
    const mock = await startMockServer({ clock: "manual", durationMs: 20 });
    closers.push(() => mock.close());
    const handler = createNodeHandler({
      apiKey: "mock-key",
      allowAnonymous: true,
      upstream: mock.url,
      imageProxy: { allowedOrigins: [mock.deliveryUrl] },
    });
    const proxy = await serve((req, res) => void handler(req, res));
    closers.push(proxy.close);
    const submit = await fetch(`${proxy.url}/api/flux/v1/flux-tools/erase-v1`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ image: "https://example.com/a.png", mask: "https://example.com/m.png" }),
    });
    expect(submit.status, await submit.clone().text()).toBe(200);
    const { polling_url } = (await submit.json()) as { polling_url: string };
    const done = await pollUntilDone(mock, polling_url);
    expect(done.status).toBe("Ready");
    const image = await fetch(done.result!.sample);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toMatch(/^image\//);
  });

  it('handles a Ready answer fully even when its text contains "Pending" (a prompt of that word)', async () => {
    const mock = await startMockServer({ clock: "manual", durationMs: 20 });
    closers.push(() => mock.close());
    let results = 0;
    const handler = createNodeHandler({
      apiKey: "mock-key",
      allowAnonymous: true,
      upstream: mock.url,
      imageProxy: { allowedOrigins: [mock.deliveryUrl] },
      limits: { maxActiveTasksPerClient: 1 },
      onResult: () => {
        results++;
      },
    });
    const proxy = await serve((req, res) => void handler(req, res));
    closers.push(proxy.close);
    const submit = (prompt: string) =>
      fetch(`${proxy.url}/api/flux/v1/flux-2-pro`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ prompt, width: 256, height: 256 }),
      });
    const first = await submit("Pending");
    const { polling_url } = (await first.json()) as { polling_url: string };
    const done = await pollUntilDone(mock, polling_url);
    expect(done.status).toBe("Ready");
    expect(done.result!.sample.startsWith(`${proxy.url}/api/flux/v1/image?u=`)).toBe(true);
    expect(results).toBe(1);
    // the client's only slot was released by the Ready poll
    expect((await submit("a cat")).status).toBe(200);
  });

  it("passes the mock's 422 and 403 through unchanged", async () => {
    const mock = await startMockServer({});
    closers.push(() => mock.close());
    const wrongKey = createNodeHandler({
      apiKey: "not-the-mock-key",
      allowAnonymous: true,
      upstream: mock.url,
      validate: false,
    });
    const proxy = await serve((req, res) => void wrongKey(req, res));
    closers.push(proxy.close);
    const denied = await fetch(`${proxy.url}/api/flux/v1/flux-2-pro`, {
      method: "POST",
      body: '{"prompt":"x"}',
    });
    expect(denied.status).toBe(403);
    expect(JSON.stringify(await denied.json())).not.toContain("not-the-mock-key");

    const unchecked = createNodeHandler({
      apiKey: "mock-key",
      allowAnonymous: true,
      upstream: mock.url,
      validate: false,
    });
    const proxy2 = await serve((req, res) => void unchecked(req, res));
    closers.push(proxy2.close);
    const invalid = await fetch(`${proxy2.url}/api/flux/v1/flux-2-pro`, {
      method: "POST",
      body: '{"prompt":"x","safety_tolerance":99}',
    });
    expect(invalid.status).toBe(422);
    const body = (await invalid.json()) as { detail: { loc: unknown[] }[] };
    expect(body.detail[0]?.loc).toEqual(["body", "safety_tolerance"]);
  });
});
