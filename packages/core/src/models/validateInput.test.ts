import { describe, expect, it } from "vitest";
import { base64Bytes, MAX_IMAGE_BYTES } from "./fieldInfo";
import { flux2Pro } from "./flux2";
import { fastApiValidationBody, toFieldErrors, validateInput } from "./validateInput";

describe("validateInput", () => {
  it("takes a model id or a definition", () => {
    const byId = validateInput("flux-2-klein-4b", { prompt: "a fox" });
    const byDef = validateInput(flux2Pro, { prompt: "a fox" });
    expect(byId.success && byId.data.width).toBe(1024);
    expect(byDef.success && byDef.data.prompt).toBe("a fox");
  });

  it("throws a TypeError for an unknown model id", () => {
    expect(() => validateInput("flux-fill", {})).toThrow(TypeError);
    expect(() => validateInput("flux-fill", {})).toThrow(/Unknown FLUX model id "flux-fill"/);
  });

  it("reports a non-object body at loc ['body'] as model_type", () => {
    for (const body of [null, [], "prompt", 3]) {
      const r = validateInput("flux-dev", body);
      expect(r.success ? [] : r.issues).toEqual([
        {
          loc: ["body"],
          type: "model_type",
          msg: "Input should be a valid dictionary or object to extract fields from",
          input: body,
        },
      ]);
    }
  });

  it("reports wrong types with pydantic's wording", () => {
    const r = validateInput("flux-pro-1.1-ultra", {
      prompt: 5,
      raw: "yes",
      image_prompt_strength: "high",
      output_format: "gif",
    });
    expect(r.success ? [] : r.issues.map(({ loc, type, msg }) => ({ loc, type, msg }))).toEqual([
      { loc: ["body", "prompt"], type: "string_type", msg: "Input should be a valid string" },
      { loc: ["body", "output_format"], type: "enum", msg: "Input should be 'jpeg', 'png' or 'webp'" },
      { loc: ["body", "raw"], type: "bool_type", msg: "Input should be a valid boolean" },
      { loc: ["body", "image_prompt_strength"], type: "float_type", msg: "Input should be a valid number" },
    ]);
  });

  it("rejects images over 20 MB of base64 payload, without echoing them", () => {
    const big = "A".repeat(Math.ceil(((MAX_IMAGE_BYTES + 3) * 4) / 3));
    const r = validateInput("flux-kontext-pro", {
      prompt: "a",
      input_image_3: `data:image/png;base64,${big}`,
    });
    const issue = r.success ? undefined : r.issues[0];
    expect(issue).toMatchObject({
      loc: ["body", "input_image_3"],
      type: "image_too_large",
      ctx: { max_bytes: MAX_IMAGE_BYTES },
    });
    expect(issue?.msg).toMatch(/^Image is 20\.0 MB; at most 20 MB is accepted/);
    expect(issue && "input" in issue).toBe(false);
    const ok = "A".repeat((MAX_IMAGE_BYTES / 3) * 4);
    expect(validateInput("flux-pro-1.0-fill", { image: ok }).success).toBe(true);
  });

  it("never size-checks URLs and rejects empty image strings", () => {
    expect(base64Bytes("https://example.com/huge.png")).toBe(0);
    expect(base64Bytes("data:image/png;base64,aGVsbG8=")).toBe(5);
    const r = validateInput("flux-pro-1.0-expand", { image: "" });
    expect(r.success ? [] : r.issues.map((i) => i.type)).toEqual(["string_too_short"]);
  });
});

describe("issue conversion", () => {
  const issues = [
    {
      loc: ["body", "width"],
      msg: "Input should be a multiple of 16",
      type: "multiple_of",
      input: 1000,
      ctx: { multiple_of: 16 },
    },
    {
      loc: ["body"],
      msg: "Input should be a valid dictionary or object to extract fields from",
      type: "model_type",
    },
    { loc: ["body", "detail", 0], msg: "x", type: "value_error" },
  ];

  it("turns issues into FluxFieldErrors with dotted paths", () => {
    expect(toFieldErrors(issues)).toEqual([
      { path: "width", message: "Input should be a multiple of 16", type: "multiple_of" },
      {
        path: "",
        message: "Input should be a valid dictionary or object to extract fields from",
        type: "model_type",
      },
      { path: "detail.0", message: "x", type: "value_error" },
    ]);
  });

  it("wraps issues as FastAPI's 422 body", () => {
    expect(fastApiValidationBody(issues)).toEqual({ detail: issues });
  });
});
