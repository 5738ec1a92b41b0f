import { describe, expect, it } from "vitest";
import { flux2Flex, flux2Klein4b, flux2Klein9bPreview, flux2Max, flux2Pro } from "./flux2";
import { validateModelInput } from "./validateInput";

const issuesOf = (r: { success: boolean; issues?: unknown }) => (r.success ? [] : r.issues);

describe("FLUX.2 sizes", () => {
  it("defaults text-to-image to 1024 × 1024", () => {
    const r = validateModelInput(flux2Pro, { prompt: "a fox" });
    expect(r.success && r.data).toMatchObject({
      width: 1024,
      height: 1024,
      safety_tolerance: 2,
      output_format: "jpeg",
    });
  });

  it("leaves sizes unset with an input image, so BFL matches the image", () => {
    const r = validateModelInput(flux2Pro, {
      prompt: "make it blue",
      input_image: "https://example.com/a.png",
    });
    expect(r.success && r.data.width).toBeUndefined();
    expect(r.success && r.data.height).toBeUndefined();
  });

  it("accepts 0 and null as 'auto' and keeps them", () => {
    const r = validateModelInput(flux2Max, { prompt: "a", width: 0, height: null });
    expect(r.success && [r.data.width, r.data.height]).toEqual([0, null]);
  });

  it("fills only the omitted side", () => {
    const r = validateModelInput(flux2Pro, { prompt: "a", width: 1536 });
    expect(r.success && [r.data.width, r.data.height]).toEqual([1536, 1024]);
  });

  it("requires multiples of 16 and at least 64", () => {
    expect(issuesOf(validateModelInput(flux2Pro, { prompt: "a", width: 1000, height: 48 }))).toEqual([
      {
        loc: ["body", "width"],
        type: "multiple_of",
        msg: "Input should be a multiple of 16",
        input: 1000,
        ctx: { multiple_of: 16 },
      },
      {
        loc: ["body", "height"],
        type: "greater_than_equal",
        msg: "Input should be greater than or equal to 64",
        input: 48,
        ctx: { ge: 64 },
      },
    ]);
    expect(validateModelInput(flux2Pro, { prompt: "a", width: 64, height: 64 }).success).toBe(true);
  });

  it("limits the area to 4 MP, reported on width and height", () => {
    expect(validateModelInput(flux2Pro, { prompt: "a", width: 2048, height: 2048 }).success).toBe(true);
    expect(validateModelInput(flux2Pro, { prompt: "a", width: 4096, height: 1024 }).success).toBe(true);
    const r = validateModelInput(flux2Pro, { prompt: "a", width: 2048, height: 2064 });
    const issues = r.success ? [] : r.issues;
    expect(issues.map((i) => [i.loc, i.type])).toEqual([
      [["body", "width"], "value_error"],
      [["body", "height"], "value_error"],
    ]);
    expect(issues[0]?.msg).toBe(
      "Value error, width × height must be at most 4194304 pixels (4 MP); got 2048 × 2064 = 4227072",
    );
    expect(issues[0]?.ctx).toEqual({ max_pixels: 4194304, pixels: 4227072 });
  });

  it("checks the area against the default side too", () => {
    const r = validateModelInput(flux2Pro, { prompt: "a", width: 4112 });
    expect(r.success ? [] : r.issues.map((i) => i.loc[1])).toEqual(["width", "height"]);
  });

  it("rejects non-integer sizes", () => {
    expect(issuesOf(validateModelInput(flux2Pro, { prompt: "a", width: 1024.5 }))).toMatchObject([
      {
        loc: ["body", "width"],
        type: "int_from_float",
        msg: "Input should be a valid integer, got a number with a fractional part",
      },
    ]);
    expect(issuesOf(validateModelInput(flux2Pro, { prompt: "a", width: "1024" }))).toMatchObject([
      { loc: ["body", "width"], type: "int_type", msg: "Input should be a valid integer", input: "1024" },
    ]);
  });
});

describe("FLUX.2 fields", () => {
  it("requires a non-empty prompt", () => {
    expect(issuesOf(validateModelInput(flux2Pro, {}))).toEqual([
      { loc: ["body", "prompt"], type: "missing", msg: "Field required" },
    ]);
    expect(issuesOf(validateModelInput(flux2Pro, { prompt: "" }))).toMatchObject([
      {
        loc: ["body", "prompt"],
        type: "string_too_short",
        msg: "String should have at least 1 character",
        ctx: { min_length: 1 },
      },
    ]);
  });

  it("keeps safety_tolerance to 0–5 (the stricter, observed range)", () => {
    expect(validateModelInput(flux2Pro, { prompt: "a", safety_tolerance: 5 }).success).toBe(true);
    expect(issuesOf(validateModelInput(flux2Pro, { prompt: "a", safety_tolerance: 6 }))).toEqual([
      {
        loc: ["body", "safety_tolerance"],
        type: "less_than_equal",
        msg: "Input should be less than or equal to 5",
        input: 6,
        ctx: { le: 5 },
      },
    ]);
  });

  it("accepts up to 8 input images; klein only 4 (extra ones are dropped)", () => {
    const images = Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [
        i ? `input_image_${i + 1}` : "input_image",
        `https://example.com/${i}.png`,
      ]),
    );
    const pro = validateModelInput(flux2Pro, { prompt: "a", ...images });
    expect(pro.success && pro.data.input_image_8).toBe("https://example.com/7.png");
    const klein = validateModelInput(flux2Klein4b, { prompt: "a", ...images });
    expect(klein.success && Object.keys(klein.data).filter((k) => k.startsWith("input_image"))).toEqual([
      "input_image",
      "input_image_2",
      "input_image_3",
      "input_image_4",
    ]);
  });

  it("drops flex-only fields for pro and klein", () => {
    const r = validateModelInput(flux2Klein9bPreview, {
      prompt: "a",
      steps: 4,
      guidance: 2,
      prompt_upsampling: true,
    });
    expect(r.success && Object.keys(r.data).sort()).toEqual([
      "height",
      "output_format",
      "prompt",
      "safety_tolerance",
      "width",
    ]);
  });

  it("gives flex steps 1–50 (50), guidance 1.5–10 (5) and prompt upsampling on", () => {
    const r = validateModelInput(flux2Flex, { prompt: "a" });
    expect(r.success && r.data).toMatchObject({ steps: 50, guidance: 5, prompt_upsampling: true });
    expect(
      validateModelInput(flux2Flex, { prompt: "a", steps: 1, guidance: 1.5, prompt_upsampling: null })
        .success,
    ).toBe(true);
    expect(
      issuesOf(
        validateModelInput(flux2Flex, { prompt: "a", steps: 51, guidance: 10.5, prompt_upsampling: "yes" }),
      ),
    ).toMatchObject([
      { loc: ["body", "steps"], type: "less_than_equal" },
      { loc: ["body", "guidance"], type: "less_than_equal", msg: "Input should be less than or equal to 10" },
      { loc: ["body", "prompt_upsampling"], type: "bool_type", msg: "Input should be a valid boolean" },
    ]);
  });
});
