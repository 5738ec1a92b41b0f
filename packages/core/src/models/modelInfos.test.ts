import { describe, expect, it } from "vitest";
import { getModel, models } from "./catalogue";
import { defineModel } from "./defineModel";
import { flux2Pro } from "./flux2";
import { flux2ProInfo } from "./flux2Info";
import { getModelInfo, isModelId, modelIds } from "./modelInfos";
import * as z from "zod/mini";

describe("getModelInfo: the catalogue without its schemas", () => {
  it("knows every model of the catalogue, in its order, and no other", () => {
    expect(modelIds).toEqual(Object.keys(models));
    expect(getModelInfo("flux-9")).toBeUndefined();
    expect(getModelInfo("toString")).toBeUndefined();
    expect(isModelId("constructor")).toBe(false);
  });

  it("gives each model the very facts its definition has, and no schema", () => {
    for (const id of modelIds) {
      const info = getModelInfo(id);
      const { input, validate, ...facts } = getModel(id);
      expect(info).toEqual(facts);
      expect(typeof input).toBe("object");
      expect(typeof validate).toBe("function");
      expect(info).not.toHaveProperty("input");
      expect(info).not.toHaveProperty("validate");
      // the definition shares the info's objects: one source for labels and capabilities
      expect(getModel(id).capabilities).toBe(info.capabilities);
    }
  });

  it("a model's definition is its info with a schema", () => {
    expect(flux2Pro.capabilities).toBe(flux2ProInfo.capabilities);
    expect(flux2Pro.path).toBe("/v1/flux-2-pro");
    expect(flux2Pro.validate({ prompt: "a fox", width: 1000 }).success).toBe(false);
  });

  it("defineModel still builds a custom model from one object (path, BFL's task facts, validate)", () => {
    const custom = defineModel({
      id: "flux-2-pro",
      family: "flux-2",
      label: "Mine",
      description: "A house style",
      input: z.object({ prompt: z.string() }),
      capabilities: flux2ProInfo.capabilities,
      typicalDurationMs: 5000,
    });
    expect(custom.path).toBe("/v1/flux-2-pro");
    expect(custom.typicalDurationMs).toBe(5000);
    expect(custom.maxConcurrent).toBe(flux2ProInfo.maxConcurrent);
    expect(custom.validate({ prompt: 1 }).success).toBe(false);
    expect(custom.validate({ prompt: "ok" })).toEqual({ success: true, data: { prompt: "ok" } });
  });

  it("defineModel takes any Standard Schema: zod's issues keep BFL's wording, another library's its message", () => {
    const info = {
      id: "flux-2-pro",
      family: "flux-2",
      label: "House style",
      description: "…",
      capabilities: flux2ProInfo.capabilities,
    } as const;
    const zodModel = defineModel({ ...info, input: z.object({ prompt: z.string().check(z.minLength(1)) }) });
    expect(zodModel.validate({ prompt: "" })).toEqual({
      success: false,
      issues: [
        {
          loc: ["body", "prompt"],
          msg: "String should have at least 1 character",
          type: "string_too_short",
          input: "",
          ctx: { min_length: 1 },
        },
      ],
    });
    expect(zodModel.input["~standard"].vendor).toBe("zod");
    // zod's Standard Schema side leaves the value out of its issues: a value of the wrong type is not a missing
    // field, and the issue still says what was sent (a trial found both wrong)
    const typedModel = defineModel({
      ...info,
      input: z.object({
        prompt: z.string(),
        steps: z.optional(z.int().check(z.lte(50))),
        sizes: z.optional(z.array(z.union([z.literal("1k"), z.literal("2k")]))),
      }),
    });
    expect(typedModel.validate({ prompt: 3, steps: 51.5, sizes: ["1k", "8k"] })).toEqual({
      success: false,
      issues: [
        { loc: ["body", "prompt"], msg: "Input should be a valid string", type: "string_type", input: 3 },
        {
          loc: ["body", "steps"],
          msg: "Input should be a valid integer, got a number with a fractional part",
          type: "int_from_float",
          input: 51.5,
        },
        expect.objectContaining({ loc: ["body", "sizes", 1], type: "literal_error", input: "8k" }),
      ],
    });
    expect(typedModel.validate({ steps: 1 })).toMatchObject({
      success: false,
      issues: [{ loc: ["body", "prompt"], type: "missing", msg: "Field required" }],
    });
    // a schema of another library: its own messages, at its paths
    const other = defineModel({
      ...info,
      input: {
        "~standard": {
          version: 1,
          vendor: "other",
          validate: (value: unknown) =>
            typeof value === "object" && value !== null && "prompt" in value
              ? { value: value as { prompt: string } }
              : { issues: [{ message: "prompt is missing", path: [{ key: "prompt" }] }] },
        },
      },
    });
    expect(other.validate({})).toEqual({
      success: false,
      issues: [{ loc: ["body", "prompt"], msg: "prompt is missing", type: "value_error" }],
    });
    expect(other.validate({ prompt: "a" })).toEqual({ success: true, data: { prompt: "a" } });
    // another library's issue with a `code` of its own (ArkType's) is not read as zod's
    const ark = defineModel({
      ...info,
      input: {
        "~standard": {
          version: 1,
          vendor: "arktype",
          validate: () => ({
            issues: [{ code: "minLength", message: "prompt must be non-empty", path: ["prompt"], rule: 1 }],
          }),
        },
      },
    });
    expect(ark.validate({ prompt: "" })).toEqual({
      success: false,
      issues: [{ loc: ["body", "prompt"], msg: "prompt must be non-empty", type: "value_error" }],
    });
    // one that checks asynchronously cannot run before a submit
    const later = defineModel({
      ...info,
      input: { "~standard": { version: 1, vendor: "later", validate: () => Promise.resolve({ value: {} }) } },
    });
    expect(() => later.validate({})).toThrow(/must check synchronously/);
  });

  it("a model's own schema is a Standard Schema: its issues as messages at paths", () => {
    expect(flux2Pro.input["~standard"].vendor).toBe("flux-kit");
    expect(flux2Pro.input["~standard"].validate({ prompt: "a fox", width: 1000 })).toEqual({
      issues: [{ message: "Input should be a multiple of 16", path: ["width"] }],
    });
    const parsed = flux2Pro.validate({ prompt: "a fox" });
    expect(parsed.success).toBe(true);
    expect(flux2Pro.input["~standard"].validate({ prompt: "a fox" })).toEqual({
      value: parsed.success ? parsed.data : undefined,
    });
  });
});
