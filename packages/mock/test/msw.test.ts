import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMockBfl } from "../src/index";
import { createMockHandlers } from "../src/msw";

const mock = createMockBfl({ clock: "manual", seed: 1, durationMs: 1000 });
const proxied = createMockBfl({
  clock: "manual",
  seed: 2,
  durationMs: 1000,
  deliveryOrigin: "https://delivery.mock.test",
});
const server = setupServer(
  ...createMockHandlers(mock),
  ...createMockHandlers(proxied, { baseUrl: "http://localhost:3000/api/flux" }),
);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  mock.reset();
  proxied.reset();
});
afterAll(() => server.close());

const headers = { "content-type": "application/json", "x-key": "mock-key" };

describe("MSW handlers", () => {
  it("answer global fetch to api.bfl.ai through the whole flow", async () => {
    const submit = await fetch("https://api.bfl.ai/v1/flux-2-pro", {
      method: "POST",
      headers,
      body: JSON.stringify({ prompt: "a", width: 256, height: 256 }),
    });
    const { polling_url } = (await submit.json()) as { polling_url: string };
    expect(polling_url.startsWith("https://api.bfl.ai/v1/get_result?id=")).toBe(true);
    expect(((await (await fetch(polling_url)).json()) as { status: string }).status).toBe("Pending");
    await mock.advance(1000);
    const ready = (await (await fetch(polling_url)).json()) as { result: { sample: string } };
    const image = await fetch(ready.result.sample);
    expect(image.headers.get("content-type")).toBe("image/jpeg");
    expect(mock.requests.map((r) => r.route)).toEqual(["submit", "poll", "poll", "delivery"]);
  });

  it("mount under a base path with a separate delivery origin", async () => {
    const submit = await fetch("http://localhost:3000/api/flux/v1/flux-2-klein-4b", {
      method: "POST",
      headers,
      body: JSON.stringify({ prompt: "a", width: 128, height: 128 }),
    });
    expect(submit.status).toBe(200);
    const { polling_url } = (await submit.json()) as { polling_url: string };
    expect(polling_url.startsWith("http://localhost:3000/api/flux/v1/get_result?id=")).toBe(true);
    await proxied.advance(1000);
    const ready = (await (await fetch(polling_url)).json()) as { result: { sample: string } };
    expect(ready.result.sample.startsWith("https://delivery.mock.test/results/")).toBe(true);
    expect((await fetch(ready.result.sample)).status).toBe(200);
  });

  it("turn errors and resets into HTTP errors and network errors", async () => {
    const bad = await fetch("https://api.bfl.ai/v1/flux-2-pro", { method: "POST", body: "{}" });
    expect([bad.status, await bad.json()]).toEqual([403, { detail: "Not authenticated" }]);
    mock.injectFault({ kind: "reset" });
    await expect(fetch("https://api.bfl.ai/v1/credits", { headers })).rejects.toThrow(TypeError);
  });

  it("can be built from options alone", async () => {
    const handlers = createMockHandlers({ seed: 3 }, { baseUrl: "https://api.eu.bfl.ai" });
    server.use(...handlers);
    const res = await fetch("https://api.eu.bfl.ai/v1/credits", { headers });
    expect(await res.json()).toEqual({ credits: 10_000 });
  });
});
