import { describe, expect, it } from "vitest";
import { flux2Flex, flux2Max, flux2Pro } from "./flux2";
import { fluxToolsDeblur, fluxToolsErase, fluxToolsOutpainting, fluxToolsVtoV2 } from "./fluxTools";
import { fluxKontextMax, fluxKontextPro } from "./kontext";
import { models } from "./catalogue";
import type { ModelDefinition } from "./types";

const URL_A = "https://example.com/a.png";
const types = (m: ModelDefinition, input: Record<string, unknown>) => {
  const r = m.validate(input);
  return r.success ? [] : r.issues.map((i) => [i.loc.slice(1).join("."), i.type]);
};

describe("FLUX Tools", () => {
  it("erase needs an image and a mask; dilate_pixels 0–25 defaults to 10", () => {
    expect(types(fluxToolsErase, { image: URL_A })).toEqual([["mask", "missing"]]);
    const r = fluxToolsErase.validate({ image: URL_A, mask: URL_A });
    expect(r.success && r.data).toMatchObject({
      dilate_pixels: 10,
      safety_tolerance: 2,
      output_format: "png",
    });
    expect(types(fluxToolsErase, { image: URL_A, mask: URL_A, dilate_pixels: 26 })).toEqual([
      ["dilate_pixels", "less_than_equal"],
    ]);
  });

  it("outpainting is strict: no seed, no webhook; canvas sides at least 64; mode high or fast", () => {
    const body = { input_image: URL_A, width: 2048, height: 1024 };
    const r = fluxToolsOutpainting.validate(body);
    expect(r.success && r.data).toMatchObject({ ...body, mode: "high", auto_crop: false });
    expect(types(fluxToolsOutpainting, { ...body, seed: 1, webhook_url: "https://h.test" })).toEqual([
      ["seed", "extra_forbidden"],
      ["webhook_url", "extra_forbidden"],
    ]);
    expect(types(fluxToolsOutpainting, { ...body, width: 63 })).toEqual([["width", "greater_than_equal"]]);
    expect(types(fluxToolsOutpainting, { ...body, mode: "slow" })).toEqual([["mode", "enum"]]);
    expect(
      fluxToolsOutpainting.validate({ ...body, reference_offset_x: -200, reference_offset_y: null }).success,
    ).toBe(true);
  });

  it("try-on needs a prompt, a person and a garment; deblur only an image", () => {
    expect(types(fluxToolsVtoV2, { prompt: "TRY-ON", person: URL_A })).toEqual([["garment", "missing"]]);
    expect(fluxToolsDeblur.validate({ image: URL_A }).success).toBe(true);
    expect(types(fluxToolsDeblur, {})).toEqual([["image", "missing"]]);
  });

  it("keeps its slash in the id and the path", () => {
    expect(fluxToolsErase.id).toBe("flux-tools/erase-v1");
    expect(fluxToolsErase.path).toBe("/v1/flux-tools/erase-v1");
    expect(models["flux-tools/erase-v1"]).toBe(fluxToolsErase);
  });
});

describe("FLUX.2 in 2026", () => {
  it("[pro] and [max] take disable_pup, sent only when set; [flex] keeps prompt_upsampling", () => {
    for (const m of [flux2Pro, flux2Max]) {
      const plain = m.validate({ prompt: "a fox" });
      expect(plain.success && "disable_pup" in plain.data).toBe(false);
      const off = m.validate({ prompt: "a fox", disable_pup: true });
      expect(off.success && off.data.disable_pup).toBe(true);
      expect(types(m, { prompt: "a fox", disable_pup: "yes" })).toEqual([["disable_pup", "bool_type"]]);
      expect(m.capabilities.extraFields.map((f) => f.name)).toContain("disable_pup");
    }
    const flex = flux2Flex.validate({ prompt: "a fox", disable_pup: true });
    expect(flex.success && "disable_pup" in flex.data).toBe(false);
  });

  it("every schema but FLUX 3's takes user (1–256 characters)", () => {
    for (const m of Object.values(models) as ModelDefinition[]) {
      const body =
        m.id === "flux-3-image"
          ? { prompt: "x" }
          : m.id === "flux-tools/outpainting-v1"
            ? { input_image: URL_A, width: 1024, height: 1024 }
            : { prompt: "x", image: URL_A, mask: URL_A, person: URL_A, garment: URL_A };
      const r = m.validate({ ...body, user: "end-user-42" });
      if (m.id === "flux-3-image") expect(r.success, m.id).toBe(false);
      else expect(r.success && (r.data as Record<string, unknown>)["user"], m.id).toBe("end-user-42");
    }
  });
});

describe("Kontext", () => {
  it("is marked deprecated with BFL's replacement, and still validates", () => {
    for (const m of [fluxKontextPro, fluxKontextMax]) {
      expect(m.deprecated?.replacement).toBe("flux-2-pro");
      expect(m.deprecated?.note).toMatch(/legacy/i);
      expect(m.validate({ prompt: "a fox" }).success).toBe(true);
    }
    expect(
      Object.values(models)
        .filter((m) => "deprecated" in m)
        .map((m) => m.id),
    ).toEqual(["flux-kontext-pro", "flux-kontext-max"]);
  });
});
