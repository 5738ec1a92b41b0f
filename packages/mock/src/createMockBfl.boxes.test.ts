import { composeBoxPrompt, layoutRow } from "@flux-kit/core/boxes";
import jpeg from "jpeg-js";
import { describe, expect, it } from "vitest";
import { loopback } from "../test/loopback";
import { boxColour } from "./image/drawBoxes";

type Pixels = { width: number; height: number; data: Uint8Array };

/** Submits a FLUX 3 prompt, waits for Ready on the mock's clock and decodes the delivered JPEG. */
async function render(body: Record<string, unknown>): Promise<Pixels> {
  const api = await loopback({ durationMs: 1000 });
  const submit = await api.submit("flux-3-image", { resolution: "768sq", ...body });
  expect(submit.status).toBe(200);
  await api.advance(1000);
  const { result } = (await api.get(submit.body["polling_url"] as string)).body as {
    result: { sample: string };
  };
  const bytes = new Uint8Array(await (await fetch(result.sample)).arrayBuffer());
  return jpeg.decode(bytes, { useTArray: true });
}

/** The colour at a point of the 0–1000 grid (`[y, x]`, as boxes are written), stretched over the frame. */
function at(image: Pixels, y: number, x: number): number[] {
  const px = Math.floor((x / 1000) * image.width);
  const py = Math.floor((y / 1000) * image.height);
  const i = (py * image.width + px) * 4;
  return [...image.data.slice(i, i + 3)];
}

const near = (actual: number[], expected: readonly number[]) =>
  actual.every((v, i) => Math.abs(v - (expected[i] ?? 0)) <= 12);

describe("layout boxes visible in the image (docs/bfl-api.md Part II §2.8)", () => {
  it(
    "paints each layout row's box where the grid puts it, in its id's colour",
    { timeout: 30_000 },
    async () => {
      const prompt = composeBoxPrompt("A runner <silhouette_1> at dusk <background_1>.", [
        layoutRow("background_1", [0, 0, 1000, 1000], "A dusk sky."),
        layoutRow("silhouette_1", [150, 150, 850, 850], "A runner's silhouette."),
      ]);
      const image = await render({ prompt, aspect_ratio: "16:9" });
      expect(image.width).toBeGreaterThan(image.height);
      expect(near(at(image, 500, 500), boxColour("silhouette_1"))).toBe(true);
      expect(near(at(image, 60, 60), boxColour("background_1"))).toBe(true);
      expect(near(at(image, 940, 500), boxColour("background_1"))).toBe(true);
    },
  );

  it("keeps a small box visible over a bigger one listed after it", { timeout: 30_000 }, async () => {
    const prompt = composeBoxPrompt("A mug <mug_1> on a table <table_1>.", [
      layoutRow("mug_1", [300, 600, 700, 900], "A white mug."),
      layoutRow("table_1", [200, 0, 1000, 1000], "An oak table."),
    ]);
    const image = await render({ prompt, aspect_ratio: "1:1" });
    expect(near(at(image, 500, 750), boxColour("mug_1"))).toBe(true);
    expect(near(at(image, 900, 200), boxColour("table_1"))).toBe(true);
  });

  it("paints edit rows at their target box and none for a removed element", { timeout: 30_000 }, async () => {
    const rows = [
      {
        id: "plant_1",
        from: "ref_image_0",
        src_bbox: [500, 40, 860, 180],
        tgt_bbox: [500, 700, 900, 960],
        desc: "The plant.",
      },
      {
        id: "mug_1",
        from: "ref_image_0",
        src_bbox: [100, 100, 300, 300],
        tgt_bbox: null,
        desc: "A blue mug.",
      },
    ];
    const prompt = `Move the plant <plant_1> right and remove the mug <mug_1>. ${JSON.stringify(rows)}`;
    const image = await render({
      prompt,
      images: ["https://images.example/kitchen.jpg"],
      aspect_ratio: "1:1",
    });
    expect(near(at(image, 700, 830), boxColour("plant_1"))).toBe(true);
    expect(near(at(image, 700, 110), boxColour("plant_1"))).toBe(false);
    expect(near(at(image, 200, 200), boxColour("mug_1"))).toBe(false);
  });

  it("derives a stable colour per id", () => {
    expect(boxColour("mug_1")).toEqual(boxColour("mug_1"));
    expect(boxColour("mug_1")).not.toEqual(boxColour("mug_2"));
  });
});
