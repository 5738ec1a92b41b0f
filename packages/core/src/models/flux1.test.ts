import { describe, expect, it } from "vitest";
import { fluxDev } from "./fluxDev";
import { fluxPro10Expand, fluxPro10Fill } from "./fluxPro10";
import { fluxPro11, fluxPro11Ultra } from "./fluxPro11";
import { fluxKontextMax, fluxKontextPro } from "./kontext";
import { validateModelInput } from "./validateInput";

const issuesOf = (r: { success: boolean; issues?: unknown }) => (r.success ? [] : r.issues);
const IMG = "https://example.com/in.png";

describe("Kontext", () => {
  it("requires a prompt and defaults to png, no upsampling, tolerance 2", () => {
    expect(issuesOf(validateModelInput(fluxKontextPro, {}))).toMatchObject([
      { loc: ["body", "prompt"], type: "missing" },
    ]);
    const r = validateModelInput(fluxKontextMax, { prompt: "a" });
    expect(r.success && r.data).toEqual({
      prompt: "a",
      output_format: "png",
      prompt_upsampling: false,
      safety_tolerance: 2,
    });
  });

  it("accepts aspect ratios from 1:4 to 4:1 (the widest source range)", () => {
    for (const ar of ["1:1", "4:1", "1:4", "21:9", "3:7", "16:9", null]) {
      expect(validateModelInput(fluxKontextPro, { prompt: "a", aspect_ratio: ar }).success).toBe(true);
    }
    expect(issuesOf(validateModelInput(fluxKontextPro, { prompt: "a", aspect_ratio: "5:1" }))).toEqual([
      {
        loc: ["body", "aspect_ratio"],
        type: "value_error",
        msg: "Value error, aspect ratio should be between 1:4 and 4:1",
        input: "5:1",
        ctx: { widest: "4:1", tallest: "1:4" },
      },
    ]);
    expect(issuesOf(validateModelInput(fluxKontextPro, { prompt: "a", aspect_ratio: "wide" }))).toMatchObject(
      [{ msg: "Value error, aspect ratio should be 'W:H', e.g. '16:9'" }],
    );
  });

  it("takes input_image … input_image_4 and safety_tolerance up to 6", () => {
    const r = validateModelInput(fluxKontextPro, {
      prompt: "a",
      input_image: IMG,
      input_image_4: IMG,
      input_image_5: IMG,
      safety_tolerance: 6,
    });
    expect(r.success && r.data).toMatchObject({ input_image: IMG, input_image_4: IMG, safety_tolerance: 6 });
    expect(r.success && "input_image_5" in r.data).toBe(false);
  });
});

describe("FLUX1.1 [pro]", () => {
  it("needs nothing and defaults to 1024 × 768", () => {
    const r = validateModelInput(fluxPro11, {});
    expect(r.success && r.data).toEqual({
      prompt: "",
      width: 1024,
      height: 768,
      prompt_upsampling: false,
      safety_tolerance: 2,
      output_format: "jpeg",
    });
  });

  it("wants sides of 256–1440 in multiples of 32", () => {
    expect(validateModelInput(fluxPro11, { width: 256, height: 1440 }).success).toBe(true);
    expect(issuesOf(validateModelInput(fluxPro11, { width: 1472, height: 240 }))).toMatchObject([
      { loc: ["body", "width"], type: "less_than_equal", msg: "Input should be less than or equal to 1440" },
      {
        loc: ["body", "height"],
        type: "greater_than_equal",
        msg: "Input should be greater than or equal to 256",
      },
      { loc: ["body", "height"], type: "multiple_of", msg: "Input should be a multiple of 32" },
    ]);
  });
});

describe("FLUX1.1 [pro] Ultra", () => {
  it("defaults to 16:9, raw off, image prompt strength 0.1", () => {
    const r = validateModelInput(fluxPro11Ultra, { prompt: "a" });
    expect(r.success && r.data).toMatchObject({
      aspect_ratio: "16:9",
      raw: false,
      image_prompt_strength: 0.1,
    });
  });

  it("needs a prompt or an image prompt", () => {
    expect(issuesOf(validateModelInput(fluxPro11Ultra, {}))).toEqual([
      {
        loc: ["body", "prompt"],
        type: "value_error",
        msg: "Value error, either prompt or image_prompt is required",
        input: "",
      },
    ]);
    expect(validateModelInput(fluxPro11Ultra, { image_prompt: "aGVsbG8=" }).success).toBe(true);
  });

  it("accepts 21:9 to 9:21 only", () => {
    expect(validateModelInput(fluxPro11Ultra, { prompt: "a", aspect_ratio: "9:21" }).success).toBe(true);
    expect(issuesOf(validateModelInput(fluxPro11Ultra, { prompt: "a", aspect_ratio: "4:1" }))).toMatchObject([
      { loc: ["body", "aspect_ratio"], msg: "Value error, aspect ratio should be between 9:21 and 21:9" },
    ]);
  });
});

describe("FLUX.1 Fill and Expand [pro]", () => {
  it("require an image", () => {
    for (const m of [fluxPro10Fill, fluxPro10Expand]) {
      expect(issuesOf(validateModelInput(m, { prompt: "a" }))).toEqual([
        { loc: ["body", "image"], type: "missing", msg: "Field required" },
      ]);
    }
  });

  it("fill defaults to 50 steps, guidance 60, and takes a mask", () => {
    const r = validateModelInput(fluxPro10Fill, { image: IMG, mask: "aGVsbG8=" });
    expect(r.success && r.data).toMatchObject({ prompt: "", steps: 50, guidance: 60, mask: "aGVsbG8=" });
    expect(issuesOf(validateModelInput(fluxPro10Fill, { image: IMG, steps: 14 }))).toMatchObject([
      { type: "greater_than_equal", ctx: { ge: 15 } },
    ]);
  });

  it("expand takes margins of 0–2048 px, default 0", () => {
    const r = validateModelInput(fluxPro10Expand, { image: IMG, top: 2048 });
    expect(r.success && r.data).toMatchObject({ top: 2048, bottom: 0, left: 0, right: 0 });
    expect(issuesOf(validateModelInput(fluxPro10Expand, { image: IMG, left: -1 }))).toMatchObject([
      { loc: ["body", "left"], type: "greater_than_equal" },
    ]);
  });
});

describe("FLUX.1 [dev]", () => {
  it("defaults to 1024 × 768, 28 steps, guidance 3", () => {
    const r = validateModelInput(fluxDev, { prompt: "a" });
    expect(r.success && r.data).toMatchObject({ width: 1024, height: 768, steps: 28, guidance: 3 });
  });

  it("caps guidance at 5 and steps at 50", () => {
    expect(issuesOf(validateModelInput(fluxDev, { guidance: 5.5, steps: 0 }))).toMatchObject([
      { loc: ["body", "steps"], type: "greater_than_equal" },
      { loc: ["body", "guidance"], type: "less_than_equal", msg: "Input should be less than or equal to 5" },
    ]);
  });
});
