import { afterEach, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../src/index";

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const KEY = "mock-key";
const json = { "content-type": "application/json", "x-key": KEY };

describe("startMockServer on loopback", () => {
  // Real work, not waiting: the download renders and JPEG-encodes a 1024×1024 image in pure JS, which takes
  // a few hundred ms on an idle machine and several seconds on a loaded CI runner; hence the 30 s budget.
  // Time itself is the mock's manual clock, so no poll depends on how fast the machine is.
  it("runs the seed skill's curl flow: POST, poll polling_url, download", { timeout: 30_000 }, async () => {
    server = await startMockServer({ port: 0, clock: "manual", durationMs: 30, seed: 1 });
    // 1. Submit, exactly as the skill's curl line does
    const submit = await fetch(`${server.url}/v1/flux-2-pro`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ prompt: "A serene mountain landscape at sunset", width: 1024, height: 1024 }),
    });
    expect(submit.status).toBe(200);
    const { polling_url } = (await submit.json()) as { polling_url: string };
    // 2. Poll polling_url verbatim until Ready
    let body: { status: string; result: { sample: string } | null } = { status: "Pending", result: null };
    while (body.status === "Pending") {
      await server.mock.advance(10);
      body = (await (await fetch(polling_url, { headers: { "x-key": KEY } })).json()) as typeof body;
    }
    expect(body.status).toBe("Ready");
    // 3. Download the image (no key to the delivery host)
    const image = await fetch(body.result?.sample ?? "");
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/jpeg");
    expect(image.headers.get("access-control-allow-origin")).toBeNull();
    expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
  });

  it("serves delivery from a separate origin by default", async () => {
    server = await startMockServer({ port: 0, durationMs: 0, seed: 1 });
    expect(server.deliveryUrl).not.toBe(server.url);
    const { polling_url } = (await (
      await fetch(`${server.url}/v1/flux-2-klein-4b`, {
        method: "POST",
        headers: json,
        body: '{"prompt":"a"}',
      })
    ).json()) as { polling_url: string };
    const ready = (await (await fetch(polling_url)).json()) as { result: { sample: string } };
    expect(ready.result.sample.startsWith(`${server.deliveryUrl}/results/`)).toBe(true);
  });

  it("points polling_url at a second listener, and strict mode proves clients use it verbatim", async () => {
    server = await startMockServer({ port: 0, pollingPort: 0, strictPollingOrigin: true, seed: 1 });
    expect(server.pollingUrl).not.toBe(server.url);
    const { id, polling_url } = (await (
      await fetch(`${server.url}/v1/flux-2-pro`, { method: "POST", headers: json, body: '{"prompt":"a"}' })
    ).json()) as { id: string; polling_url: string };
    expect(polling_url).toBe(`${server.pollingUrl}/v1/get_result?id=${id}`);
    const verbatim = (await (await fetch(polling_url)).json()) as { status: string };
    expect(verbatim.status).toBe("Pending");
    const guessed = await fetch(`${server.url}/v1/get_result?id=${id}`);
    expect([guessed.status, await guessed.json()]).toEqual([404, { detail: "Task not found" }]);
  });

  it("turns a reset fault into a dropped connection", async () => {
    server = await startMockServer({ port: 0, seed: 1 });
    server.mock.injectFault({ kind: "reset" });
    await expect(fetch(`${server.url}/v1/credits`, { headers: json })).rejects.toThrow(TypeError);
    expect((await fetch(`${server.url}/v1/credits`, { headers: json })).status).toBe(200);
  });

  it("passes status codes, headers and error bodies through", async () => {
    server = await startMockServer({ port: 0, seed: 1, maxActiveTasks: 1, retryAfter: 3 });
    const bad = await fetch(`${server.url}/v1/flux-2-pro`, {
      method: "POST",
      headers: { "x-key": "nope" },
      body: "{}",
    });
    expect([bad.status, await bad.json()]).toEqual([
      403,
      { detail: "Not authenticated - Invalid Authentication" },
    ]);
    await fetch(`${server.url}/v1/flux-2-pro`, { method: "POST", headers: json, body: '{"prompt":"a"}' });
    const limited = await fetch(`${server.url}/v1/flux-2-pro`, {
      method: "POST",
      headers: json,
      body: '{"prompt":"b"}',
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    const missing = await fetch(`${server.url}/nope`);
    expect([missing.status, await missing.json()]).toEqual([404, { detail: "Not Found" }]);
    const head = await fetch(`${server.url}/v1/credits`, { method: "HEAD", headers: json });
    expect([head.status, await head.text()]).toEqual([200, ""]);
  });

  it("serves an existing mock and closes cleanly", async () => {
    const first = await startMockServer({ port: 0, seed: 1 });
    server = await startMockServer({ port: 0, mock: first.mock, deliveryPort: false });
    await fetch(`${server.url}/v1/flux-2-pro`, { method: "POST", headers: json, body: '{"prompt":"a"}' });
    expect(first.mock.tasks).toHaveLength(1);
    await first.close();
    await expect(fetch(`${first.url}/v1/credits`, { headers: json })).rejects.toThrow();
  });
});
