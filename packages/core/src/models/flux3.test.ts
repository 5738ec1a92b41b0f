import { describe, expect, it } from "vitest";
import { flux3Image } from "./flux3Image";
import { FLUX3_ASPECT_RATIOS, FLUX3_RESOLUTIONS, flux3OutputSize } from "./flux3ImageInfo";

/** A base64 PNG whose header says `width` × `height` (the rest of the file is not needed to read its size). */
function pngHeader(width: number, height: number): string {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(bytes.buffer).setUint32(16, width);
  new DataView(bytes.buffer).setUint32(20, height);
  return `data:image/png;base64,${btoa(String.fromCharCode(...bytes))}`;
}

const check = (input: Record<string, unknown>) => flux3Image.validate({ prompt: "a lighthouse", ...input });
const issues = (input: Record<string, unknown>) => {
  const r = check(input);
  return r.success ? [] : r.issues.map((i) => [i.loc.slice(1).join("."), i.type]);
};

describe("flux-3-image's schema", () => {
  it("applies BFL's defaults and sends nothing else", () => {
    const r = flux3Image.validate({ prompt: "a lighthouse" });
    expect(r).toEqual({
      success: true,
      data: {
        prompt: "a lighthouse",
        aspect_ratio: "auto",
        resolution: "1k",
        grounding: true,
        safety_tolerance: 2,
      },
    });
  });

  it("says in its capabilities that it takes no seed and no output_format, the two fields its schema refuses", () => {
    const c = flux3Image.capabilities;
    expect([c.seed, c.outputFormat]).toEqual([false, false]);
    const refused = (field: string, v: unknown) => {
      const checked = flux3Image.validate({ prompt: "a fox", [field]: v });
      return !checked.success && checked.issues.some((issue) => issue.loc.includes(field));
    };
    expect(refused("seed", 42)).toBe(true);
    expect(refused("output_format", "png")).toBe(true);
  });

  it("is strict: each field from another endpoint is refused by name, as BFL's 422 does", () => {
    expect(
      issues({
        seed: 1,
        width: 1024,
        input_image: "https://x.test/a.png",
        webhook_url: "https://h.test",
        output_format: "png",
        user: "u",
      }),
    ).toEqual([
      ["seed", "extra_forbidden"],
      ["width", "extra_forbidden"],
      ["input_image", "extra_forbidden"],
      ["webhook_url", "extra_forbidden"],
      ["output_format", "extra_forbidden"],
      ["user", "extra_forbidden"],
    ]);
  });

  it("requires a prompt that is not blank", () => {
    expect(flux3Image.validate({}).success).toBe(false);
    expect(issues({ prompt: " \n\t" })).toEqual([["prompt", "value_error"]]);
  });

  it("takes images as one string or a list of 1–10", () => {
    const url = "https://example.com/ref.png";
    expect(check({ images: url }).success).toBe(true);
    expect(check({ images: Array(10).fill(url) }).success).toBe(true);
    expect(check({ images: [] }).success).toBe(false);
    expect(check({ images: Array(11).fill(url) }).success).toBe(false);
    expect(check({ images: [url, 42] }).success).toBe(false);
  });

  it("reads base64 references' size: at least 256 × 256, at most 16 MP; URLs are BFL's to check", () => {
    expect(check({ images: [pngHeader(1024, 768)] }).success).toBe(true);
    expect(issues({ images: [pngHeader(1024, 768), pngHeader(200, 800)] })).toEqual([
      ["images.1", "image_too_small"],
    ]);
    expect(issues({ images: pngHeader(5000, 4000) })).toEqual([["images", "image_too_large"]]);
    expect(check({ images: "https://example.com/tiny.png" }).success).toBe(true);
  });

  it("accepts exactly the documented aspect ratios and tiers", () => {
    for (const aspect_ratio of FLUX3_ASPECT_RATIOS) expect(check({ aspect_ratio }).success).toBe(true);
    for (const resolution of FLUX3_RESOLUTIONS) expect(check({ resolution }).success).toBe(true);
    expect(issues({ aspect_ratio: "16:10" })).toEqual([["aspect_ratio", "enum"]]);
    expect(issues({ resolution: "1K" })).toEqual([["resolution", "enum"]]);
    expect(issues({ resolution: "512sq" })).toEqual([["resolution", "enum"]]); // fal's tier, not BFL's
  });

  it("takes safety_tolerance 0–4 and grounding as a boolean", () => {
    expect(check({ safety_tolerance: 0, grounding: false }).success).toBe(true);
    expect(issues({ safety_tolerance: 5 })).toEqual([["safety_tolerance", "less_than_equal"]]);
    expect(issues({ grounding: "no" })).toEqual([["grounding", "bool_type"]]);
  });

  it("reaches BFL's example bodies unchanged", () => {
    const layout = {
      prompt:
        'Product poster. A white mug <mug_1> … [{"id":"background_1","bbox":[0,0,1000,1000],"desc":"A wall."}]',
      aspect_ratio: "16:9",
      resolution: "2k",
      grounding: false,
      safety_tolerance: 2,
      version: "latest",
    };
    expect(flux3Image.validate(layout)).toEqual({ success: true, data: layout });
  });
});

describe("flux3OutputSize", () => {
  it("reproduces the sizes seen live", () => {
    expect(flux3OutputSize("1k", "4:3")).toEqual({ width: 1184, height: 880 });
    expect(flux3OutputSize("2k", "16:9")).toEqual({ width: 2736, height: 1536 });
  });

  it("gives each tier its square at 1:1, and unreadable ratios count as 1:1", () => {
    expect(flux3OutputSize("768sq", "1:1")).toEqual({ width: 768, height: 768 });
    expect(flux3OutputSize("4k", "1:1")).toEqual({ width: 4096, height: 4096 });
    expect(flux3OutputSize("1.5k", "auto")).toEqual({ width: 1536, height: 1536 });
  });

  it("keeps every tier's area within 3 % of its megapixels, sides multiples of 16", () => {
    for (const tier of FLUX3_RESOLUTIONS)
      for (const ratio of FLUX3_ASPECT_RATIOS.slice(1)) {
        const { width, height } = flux3OutputSize(tier, ratio);
        const square = flux3OutputSize(tier, "1:1");
        expect((width % 16) + (height % 16)).toBe(0);
        expect(Math.abs((width * height) / (square.width * square.height) - 1)).toBeLessThan(0.03);
      }
  });
});
