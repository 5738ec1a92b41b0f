import { describe, expect, it } from "vitest";
import { loopback, type Loopback } from "../test/loopback";
import { decodeImage } from "./image/decodeImage";
import { encodePng } from "./image/encodePng";
import type { RgbaImage } from "./image/renderImage";

const RED = [220, 30, 30] as const;
const BLUE = [20, 40, 200] as const;
const WHITE = [255, 255, 255] as const;
const BLACK = [0, 0, 0] as const;

/** A `width` × `height` PNG (base64) of `outside`, with `inside` in the square [from, to) on both axes. */
function picture(
  width: number,
  height: number,
  outside: readonly number[],
  inside = outside,
  from = 0,
  to = 0,
): string {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inSquare = x >= from && x < to && y >= from && y < to;
      data.set([...(inSquare ? inside : outside), 255], (y * width + x) * 4);
    }
  }
  return btoa(String.fromCharCode(...encodePng({ width, height, data })));
}

const pixel = (image: RgbaImage, x: number, y: number) => [
  ...image.data.slice((y * image.width + x) * 4, (y * image.width + x) * 4 + 3),
];
const close = (actual: number[], expected: readonly number[], tolerance = 12) =>
  actual.every((v, i) => Math.abs(v - (expected[i] ?? 0)) <= tolerance);

/** Submits, moves the clock past the run, and decodes the delivered picture. */
async function run(api: Loopback, model: string, body: Record<string, unknown>) {
  const submit = await api.submit(model, body);
  expect(submit.status, JSON.stringify(submit.body)).toBe(200);
  await api.advance(60_000);
  const { result } = (await api.get(submit.body["polling_url"] as string)).body as {
    result: { sample: string };
  };
  const res = await fetch(result.sample);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const image = decodeImage(btoa(String.fromCharCode(...bytes)));
  if (!image) throw new Error(`undecodable ${res.headers.get("content-type")}`);
  return { submit: submit.body, image, contentType: res.headers.get("content-type") };
}

describe("FLUX Tools (docs/bfl-api.md Part II §5)", () => {
  it("erase-v1 fills the masked area: the red square under a white mask is gone", async () => {
    const api = await loopback({ durationMs: 1000 });
    const { submit, image, contentType } = await run(api, "flux-tools/erase-v1", {
      image: picture(64, 64, BLUE, RED, 16, 48),
      mask: picture(64, 64, BLACK, WHITE, 16, 48),
      dilate_pixels: 2,
    });
    expect(submit).toMatchObject({ cost: 3 });
    expect(contentType).toBe("image/png");
    expect([image.width, image.height]).toEqual([64, 64]);
    expect(close(pixel(image, 32, 32), BLUE)).toBe(true);
    expect(close(pixel(image, 3, 3), BLUE)).toBe(true);
  });

  it("erase-v1 keeps what the mask does not cover", async () => {
    const api = await loopback({ durationMs: 1000 });
    const { image } = await run(api, "flux-tools/erase-v1", {
      image: picture(64, 64, BLUE, RED, 16, 48),
      mask: picture(64, 64, BLACK, WHITE, 0, 8),
      dilate_pixels: 0,
    });
    expect(close(pixel(image, 32, 32), RED)).toBe(true);
  });

  it("outpainting-v1 grows the canvas to width × height around the centred image", async () => {
    const api = await loopback({ durationMs: 1000 });
    const { submit, image } = await run(api, "flux-tools/outpainting-v1", {
      input_image: picture(64, 64, RED),
      width: 256,
      height: 128,
      mode: "fast",
    });
    expect(submit).toMatchObject({ cost: 4.5, output_mp: 0.03 });
    expect([image.width, image.height]).toEqual([256, 128]);
    expect(close(pixel(image, 128, 64), RED, 0)).toBe(true);
    expect(close(pixel(image, 2, 2), RED, 0)).toBe(false);
  });

  it("outpainting-v1 is strict, prices mode high at 20 credits, and refuses an image past the canvas", async () => {
    const api = await loopback({ credits: 100 });
    const extra = await api.submit("flux-tools/outpainting-v1", {
      input_image: picture(64, 64, RED),
      width: 128,
      height: 128,
      seed: 1,
      webhook_url: "http://127.0.0.1:9/hook",
    });
    expect(extra.status).toBe(422);
    expect(extra.body["detail"]).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "extra_forbidden", loc: ["body", "seed"] }),
        expect.objectContaining({ type: "extra_forbidden", loc: ["body", "webhook_url"] }),
      ]),
    );
    const high = await api.submit("flux-tools/outpainting-v1", {
      input_image: picture(64, 64, RED),
      width: 128,
      height: 128,
    });
    expect(high.body).toMatchObject({ cost: 20 });
    const past = await api.submit("flux-tools/outpainting-v1", {
      input_image: picture(64, 64, RED),
      width: 128,
      height: 128,
      reference_offset_x: 100,
    });
    expect(past.status).toBe(422);
    expect(past.body["detail"]).toEqual([
      expect.objectContaining({ type: "value_error", loc: ["body", "input_image"] }),
    ]);
    const cropped = await api.submit("flux-tools/outpainting-v1", {
      input_image: picture(64, 64, RED),
      width: 128,
      height: 128,
      reference_offset_x: 100,
      auto_crop: true,
      mode: "fast",
    });
    expect(cropped.status).toBe(200);
    expect(api.server.mock.getCredits()).toBe(100 - 20 - 4.5);
  });

  it("outpainting's mode high runs about 33 s, fast a few seconds", async () => {
    const api = await loopback({ credits: 1000 });
    const body = { input_image: picture(64, 64, RED), width: 128, height: 128 };
    const spans = async (mode: string) => {
      const ids: string[] = [];
      for (let i = 0; i < 9; i++)
        ids.push((await api.submit("flux-tools/outpainting-v1", { ...body, mode })).body["id"] as string);
      const times = ids.map((id) => {
        const t = api.server.mock.task(id);
        return (t?.finishesAt ?? 0) - (t?.createdAt ?? 0);
      });
      return times.sort((a, b) => a - b)[4] ?? 0;
    };
    expect(await spans("high")).toBeGreaterThan(20_000);
    expect(await spans("fast")).toBeLessThan(10_000);
  });

  it("vto-v2 dresses the person in the garment's colour, at the person's size", async () => {
    const api = await loopback({ durationMs: 1000 });
    const { submit, image, contentType } = await run(api, "flux-tools/vto-v2", {
      prompt: "TRY-ON: The person of image 1 wearing the garments of image 2.",
      person: picture(96, 128, BLUE),
      garment: picture(32, 32, RED),
      output_format: "png",
    });
    expect(submit).toMatchObject({ cost: 4.75 });
    expect(contentType).toBe("image/png");
    expect([image.width, image.height]).toEqual([96, 128]);
    expect(close(pixel(image, 48, 76), RED, 40)).toBe(true);
    expect(close(pixel(image, 4, 4), BLUE)).toBe(true);
  });

  it("deblur-v1 returns the picture at its size", async () => {
    const api = await loopback({ durationMs: 1000 });
    const { submit, image } = await run(api, "flux-tools/deblur-v1", {
      image: picture(80, 48, BLUE, RED, 8, 24),
    });
    expect(submit).toMatchObject({ cost: 3 });
    expect([image.width, image.height]).toEqual([80, 48]);
    expect(close(pixel(image, 16, 16), RED)).toBe(true);
  });
});
