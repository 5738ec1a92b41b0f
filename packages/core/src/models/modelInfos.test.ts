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
});
