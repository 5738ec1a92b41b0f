import { estimateCost, getModel, modelIds } from "@flux-kit/core";
import { describe, expect, it } from "vitest";
import { loopback } from "../test/loopback";
import { createMockBfl } from "./createMockBfl";
import { encodePng } from "./image/encodePng";
import { renderImage } from "./image/renderImage";

function png(width: number, height: number): string {
  const bytes = encodePng(renderImage(width, height, "in", 1));
  let bin = "";
  for (let i = 0; i < bytes.length; i += 8192) bin += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return btoa(bin);
}
const image = png(512, 384);

/** A valid body per catalogue model, with inputs where the model takes them. */
function bodyFor(id: string): Record<string, unknown> {
  if (id === "flux-tools/erase-v1") return { image, mask: image };
  if (id === "flux-tools/outpainting-v1") return { input_image: image, width: 1024, height: 768 };
  if (id.startsWith("flux-tools/vto")) return { prompt: "TRY-ON", person: image, garment: image };
  if (id === "flux-tools/deblur-v1") return { image };
  if (id.includes("fill") || id.includes("expand")) return { prompt: "a fox", image };
  if (id === "flux-3-image") return { prompt: "a fox", resolution: "2k", images: [image] };
  if (id.startsWith("flux-2"))
    return { prompt: "a fox", width: 1440, height: 1440, input_image: png(1448, 1448) };
  return { prompt: "a fox" };
}

describe("prices (core's table, docs/bfl-api.md Part II §2.3, §4.3, §5)", () => {
  it.each([...modelIds])("%s: charges what estimateCost predicts", async (id) => {
    const model = getModel(id);
    if (!model) throw new Error(`no model ${id}`);
    const api = await loopback({ credits: 1000 });
    const body = bodyFor(id);
    const expected = estimateCost(model, body)?.credits;
    expect(expected, id).toBeGreaterThan(0);
    const res = await api.submit(id, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(api.server.mock.getCredits()).toBeCloseTo(1000 - (expected ?? 0), 2);
    expect(api.server.mock.task(res.body["id"] as string)?.cost).toBe(expected);
  });

  it("charges FLUX.2 [flex] 5 credits per megapixel, not 6 (§4.3)", async () => {
    const api = await loopback({ credits: 100 });
    const res = await api.submit("flux-2-flex", { prompt: "a fox", width: 1024, height: 1024 });
    expect(res.body).toMatchObject({ cost: 5 });
    expect(api.server.mock.getCredits()).toBe(95);
  });

  it("takes an override in core's shape or the legacy formula", async () => {
    const api = await loopback({
      credits: 100,
      pricing: {
        "flux-2-pro": { kind: "flat", credits: 10 },
        "flux-2-max": { base: 1, perOutputMp: 0, perInputMp: 0 },
      },
    });
    expect((await api.submit("flux-2-pro", { prompt: "a" })).body).toMatchObject({ cost: 10 });
    expect((await api.submit("flux-2-max", { prompt: "a" })).body).toMatchObject({ cost: 1 });
  });
});

describe("typical durations (core's live figures, docs/bfl-api.md Part II §11)", () => {
  it.each([...modelIds])("%s: median draw near the model's typicalDurationMs", async (id) => {
    const model = getModel(id);
    if (!model) throw new Error(`no model ${id}`);
    const mock = createMockBfl({
      clock: "manual",
      seed: 3,
      credits: 1e6,
      maxActiveTasks: 1e6,
      maxActiveTasksPerModel: { [id]: 1e6 },
    });
    // the default settings each typical figure was measured for: 1k, mode fast, text-to-image
    const body: Record<string, unknown> = id.startsWith("flux-2") ? { prompt: "a fox" } : bodyFor(id);
    if (id === "flux-tools/outpainting-v1") body["mode"] = "fast";
    if (id === "flux-3-image") body["resolution"] = "1k";
    for (let i = 0; i < 41; i++) {
      const res = await mock.fetch(`https://api.bfl.ai/v1/${id}`, {
        method: "POST",
        headers: { "x-key": "mock-key", "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
    }
    const times = mock.tasks.map((t) => t.finishesAt - t.createdAt).sort((a, b) => a - b);
    const median = times[20] ?? 0;
    expect(median / model.typicalDurationMs).toBeGreaterThan(0.75);
    expect(median / model.typicalDurationMs).toBeLessThan(1.33);
  });
});
