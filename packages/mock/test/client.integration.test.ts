import {
  createFluxClient,
  fixedPolling,
  FluxAuthError,
  FluxCreditsError,
  FluxExpiredError,
  FluxGenerationError,
  FluxModerationError,
  FluxRateLimitError,
  FluxSubmitUncertainError,
  FluxTaskNotFoundError,
  FluxTimeoutError,
  FluxValidationError,
  type FluxClientOptions,
} from "@flux-kit/core";
import { afterEach, describe, expect, it } from "vitest";
import { createMockBfl, startMockServer, type MockServer, type StartMockServerOptions } from "../src/index";

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(options: StartMockServerOptions = {}, client: FluxClientOptions = {}) {
  server = await startMockServer({ port: 0, seed: 11, durationMs: [20, 60], ...options });
  return createFluxClient({
    apiKey: "mock-key",
    baseUrl: server.url,
    poll: { policy: fixedPolling(10), timeoutMs: 10_000 },
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    ...client,
  });
}

const tinyPng = (() => {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, 256);
  new DataView(b.buffer).setUint32(20, 256);
  return btoa(String.fromCharCode(...b));
})();

const families: [string, Record<string, unknown>, string][] = [
  ["flux-2-pro", { prompt: "a fox", width: 256, height: 256 }, "image/jpeg"],
  ["flux-2-klein-4b", { prompt: "a fox", width: 256, height: 256, output_format: "png" }, "image/png"],
  ["flux-kontext-pro", { prompt: "a fox", aspect_ratio: "1:1", output_format: "jpeg" }, "image/jpeg"],
  ["flux-pro-1.1", { prompt: "a fox", width: 256, height: 256 }, "image/jpeg"],
  ["flux-pro-1.0-fill", { image: tinyPng, prompt: "a fox" }, "image/jpeg"],
  ["flux-pro-1.0-expand", { image: tinyPng, prompt: "a fox", top: 64 }, "image/jpeg"],
  ["flux-dev", { prompt: "a fox", width: 256, height: 256 }, "image/jpeg"],
];

describe("core client against startMockServer (loopback)", () => {
  it.each(families)("generates and downloads with %s", async (model, input, type) => {
    const client = await setup();
    const result = await client.generate(model as "flux-2-pro", input as { prompt: string });
    expect(result.url.startsWith(`${server?.deliveryUrl}/results/`)).toBe(true);
    expect(result.expiresAt?.getTime()).toBeGreaterThan(Date.now());
    const image = await client.download(result);
    expect(image.contentType).toBe(type);
    expect(image.bytes.byteLength).toBeGreaterThan(100);
    expect(server?.mock.tasks).toHaveLength(1);
  });

  it("reports cost and megapixels from submit, and credits", async () => {
    const client = await setup({ credits: 50 });
    const job = await client.submit("flux-2-pro", { prompt: "a", width: 1024, height: 1024 });
    expect(job).toMatchObject({ cost: 3, inputMp: 0, outputMp: 1.05 });
    expect(await client.credits()).toBe(47);
  });

  it("surfaces each terminal failure status as its typed error", async () => {
    const client = await setup();
    await expect(client.generate("flux-2-pro", { prompt: "[mock:request-moderated]" })).rejects.toMatchObject(
      {
        constructor: FluxModerationError,
        stage: "request",
        reasons: ["Sexual Content"],
      },
    );
    await expect(
      client.generate("flux-2-pro", { prompt: "[mock:content-moderated:Violence]" }),
    ).rejects.toMatchObject({
      constructor: FluxModerationError,
      stage: "content",
      reasons: ["Violence"],
    });
    await expect(client.generate("flux-2-pro", { prompt: "[mock:error]" })).rejects.toBeInstanceOf(
      FluxGenerationError,
    );
    await expect(client.wait("00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(
      FluxTaskNotFoundError,
    );
    await expect(
      client.generate("flux-2-pro", { prompt: "[mock:stuck]" }, { timeoutMs: 200 }),
    ).rejects.toBeInstanceOf(FluxTimeoutError);
  });

  it("maps 402, 403 and 422 to typed errors", async () => {
    const client = await setup({ credits: 1 });
    await expect(client.submit("flux-2-pro", { prompt: "a" })).rejects.toBeInstanceOf(FluxCreditsError);
    const wrongKey = createFluxClient({ apiKey: "wrong", baseUrl: server?.url ?? "" });
    await expect(wrongKey.submit("flux-2-pro", { prompt: "a" })).rejects.toBeInstanceOf(FluxAuthError);
    const noValidation = createFluxClient({
      apiKey: "mock-key",
      baseUrl: server?.url ?? "",
      validate: false,
    });
    const error: unknown = await noValidation
      .submit("flux-2-pro", { prompt: "a", width: 1000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FluxValidationError);
    expect(error).toMatchObject({
      source: "server",
      fieldErrors: [expect.objectContaining({ path: "width" }) as unknown],
    });
  });

  it("surfaces 429 when the client's cap is above the server's and retries are off", async () => {
    const client = await setup({ maxActiveTasks: 2, durationMs: 5000 }, { maxConcurrent: 10, retry: false });
    await client.submit("flux-2-pro", { prompt: "1" });
    await client.submit("flux-2-pro", { prompt: "2" });
    await expect(client.submit("flux-2-pro", { prompt: "3" })).rejects.toBeInstanceOf(FluxRateLimitError);
    expect(server?.mock.tasks).toHaveLength(2);
  });

  it("refuses an expired delivery URL (the mock's 403 after its TTL)", async () => {
    const client = await setup({ clock: "manual", durationMs: 0 });
    const result = await client.generate("flux-2-pro", { prompt: "a", width: 256, height: 256 });
    await server?.mock.advance(601_000);
    const error: unknown = await client.download(result).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FluxExpiredError);
    expect(error).toMatchObject({ status: 403 });
  });

  it("follows polling_url to a second origin verbatim", async () => {
    const client = await setup({ pollingPort: 0, strictPollingOrigin: true });
    const result = await client.generate("flux-2-pro", { prompt: "a", width: 256, height: 256 });
    expect((await client.download(result)).contentType).toBe("image/jpeg");
    const polls = server?.mock.requests.filter((r) => r.route === "poll") ?? [];
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.every((r) => r.url.startsWith(server?.pollingUrl ?? "?"))).toBe(true);
    // the client never sends its key to a host other than the API origin
    expect(polls.every((r) => !r.hadKey)).toBe(true);
  });

  it("rides out a 503 burst while polling", async () => {
    const client = await setup();
    server?.mock.injectFault({ kind: "status", status: 503 }, { times: 3, route: "poll" });
    const result = await client.generate("flux-2-pro", { prompt: "a", width: 256, height: 256 });
    expect(result.url).toContain("/results/");
  });

  it("never submits twice after an ambiguous failure", async () => {
    const client = await setup();
    server?.mock.injectFault({ kind: "reset", when: "after" }, { route: "submit" });
    await expect(client.submit("flux-2-pro", { prompt: "a" })).rejects.toBeInstanceOf(
      FluxSubmitUncertainError,
    );
    server?.mock.injectFault({ kind: "malformed-json" }, { route: "submit" });
    await expect(client.submit("flux-2-pro", { prompt: "b" })).rejects.toBeInstanceOf(
      FluxSubmitUncertainError,
    );
    expect(server?.mock.requests.filter((r) => r.route === "submit")).toHaveLength(2);
    expect(server?.mock.tasks).toHaveLength(2);
  });

  it("treats a reset before processing as uncertain too (it cannot tell), and creates nothing", async () => {
    const client = await setup();
    server?.mock.injectFault({ kind: "reset" }, { route: "submit" });
    await expect(client.submit("flux-2-pro", { prompt: "a" })).rejects.toBeInstanceOf(
      FluxSubmitUncertainError,
    );
    expect(server?.mock.requests.filter((r) => r.route === "submit")).toHaveLength(1);
    expect(server?.mock.tasks).toHaveLength(0);
  });

  it("works in-process too, with mock.fetch as the client's fetch", async () => {
    const mock = createMockBfl({ seed: 3, durationMs: 30, deliveryOrigin: "https://delivery-us1.mock.test" });
    const client = createFluxClient({
      apiKey: "mock-key",
      baseUrl: "https://api.bfl.ai",
      fetch: mock.fetch,
      poll: { policy: fixedPolling(10) },
    });
    const result = await client.generate("flux-2-max", { prompt: "a heron", width: 320, height: 240 });
    const image = await client.download(result);
    expect(image.contentType).toBe("image/jpeg");
    // the key went to the API host only, never to the delivery host
    const delivery = mock.requests.filter((r) => r.route === "delivery");
    expect(delivery).toHaveLength(1);
    expect(delivery[0]?.hadKey).toBe(false);
    expect(mock.requests.filter((r) => r.route !== "delivery").every((r) => r.hadKey)).toBe(true);
    mock.close();
  });
});
