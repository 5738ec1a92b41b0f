import { describe, expect, it } from "vitest";
import { loopback } from "../test/loopback";

const tinyPng = (() => {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, 64);
  new DataView(b.buffer).setUint32(20, 64);
  return btoa(String.fromCharCode(...b));
})();

const SETTLED: [string, Record<string, unknown>][] = [
  ["flux-dev", { prompt: "a fox", width: 256, height: 256 }],
  ["flux-pro-1.1", { prompt: "a fox", width: 256, height: 256 }],
  ["flux-pro-1.1-ultra", { prompt: "a fox" }],
  ["flux-pro-1.0-fill", { prompt: "a fox", image: tinyPng }],
  ["flux-pro-1.0-expand", { prompt: "a fox", image: tinyPng, top: 16 }],
  ["flux-kontext-pro", { prompt: "a fox" }],
  ["flux-kontext-max", { prompt: "a fox" }],
];

async function run(api: Awaited<ReturnType<typeof loopback>>, model: string, input: unknown) {
  const submit = await api.submit(model, input);
  expect(submit.status, model).toBe(200);
  await api.advance(1000);
  const ready = await api.get(submit.body["polling_url"] as string);
  expect(ready.body["status"], model).toBe("Ready");
  return { submit: submit.body, ready: ready.body };
}

describe("settled cost (docs/bfl-api.md Part II §8.2)", () => {
  it.each(SETTLED)("%s: no cost on submit, a top-level cost on the Ready poll", async (model, input) => {
    const api = await loopback({ durationMs: 1000, credits: 100 });
    const { submit, ready } = await run(api, model, input);
    expect(submit).toMatchObject({ cost: null, input_mp: null, output_mp: null });
    const task = api.server.mock.task(submit["id"] as string);
    expect(ready["cost"]).toBe(task?.cost);
    expect(ready["cost"]).toBeGreaterThan(0);
    expect(api.server.mock.getCredits()).toBe(100 - (task?.cost ?? 0));
    expect((ready["result"] as Record<string, unknown>)["cost"]).toBeUndefined();
  });

  it("keeps cost on the submit for FLUX.2, with none on its Ready poll", async () => {
    const api = await loopback({ durationMs: 1000 });
    const { submit, ready } = await run(api, "flux-2-pro", { prompt: "a", width: 1024, height: 1024 });
    expect(submit).toMatchObject({ cost: 3, input_mp: 0, output_mp: 1.05 });
    expect(ready).not.toHaveProperty("cost");
  });

  it("sends no settled cost before Ready, nor with reportCost all", async () => {
    const api = await loopback({ durationMs: 1000 });
    const submit = await api.submit("flux-dev", { prompt: "a" });
    expect((await api.get(submit.body["polling_url"] as string)).body).not.toHaveProperty("cost");

    const all = await loopback({ durationMs: 1000, reportCost: "all" });
    const { submit: echoed, ready } = await run(all, "flux-dev", { prompt: "a" });
    expect(echoed["cost"]).toBe(2.5);
    expect(ready).not.toHaveProperty("cost");
  });
});
