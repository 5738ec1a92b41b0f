import { describe, expect, it } from "vitest";
import { PRICES } from "../bfl/prices";
import { modelIds, models } from "./catalogue";
import { defineModel } from "./defineModel";
import { estimateCost } from "./estimateCost";
import { flux2Flex, flux2Klein4b, flux2Max, flux2Pro } from "./flux2";
import { flux3Image } from "./flux3Image";
import { fluxToolsOutpainting } from "./fluxTools";
import { fluxKontextPro } from "./kontext";
import type { ModelDefinition } from "./types";

const credits = (
  m: ModelDefinition,
  input: Record<string, unknown>,
  sizes?: { width: number; height: number }[],
) => estimateCost(m, input, sizes ? { imageSizes: sizes } : {})?.credits;
const URL_A = "https://example.com/a.png";

describe("estimateCost", () => {
  it("prices every catalogue model", () => {
    expect(Object.keys(PRICES)).toEqual([...modelIds]);
    for (const m of Object.values(models)) expect(estimateCost(m, {}), m.id).toBeDefined();
  });

  it("FLUX 3: one price per resolution tier, references free", () => {
    expect(estimateCost(flux3Image, { prompt: "a fox" })).toEqual({
      credits: 4.8,
      usd: 0.048,
      basis: "published",
      asOf: "2026-10-08",
    });
    expect(credits(flux3Image, { resolution: "768sq" })).toBe(4.1);
    expect(credits(flux3Image, { resolution: "2k", images: [URL_A, URL_A] })).toBe(10);
    expect(credits(flux3Image, { resolution: "4k" })).toBe(60.7);
    expect(estimateCost(flux3Image, { resolution: "1.5k" })).toMatchObject({ credits: 7, basis: "inferred" });
  });

  it("FLUX.2: reproduces BFL's published figures", () => {
    // 1 MP text-to-image = the first megapixel; a 1 MP edit adds one input megapixel (the skill's table)
    expect(credits(flux2Pro, { prompt: "x" })).toBe(3);
    expect(credits(flux2Pro, { prompt: "x", input_image: URL_A })).toBe(4.5);
    expect(credits(flux2Max, { prompt: "x", input_image: URL_A })).toBe(10);
    expect(credits(flux2Flex, { prompt: "x" })).toBe(5); // 6 → 5 on 2026-01-28
    expect(credits(flux2Klein4b, { prompt: "x", input_image: URL_A })).toBe(1.5);
    // the docs' examples: 2.07 MP text-to-image 3.0, 2.07 MP in + out 4.5
    expect(credits(flux2Pro, { prompt: "x", width: 1440, height: 1440 })).toBe(3);
    expect(credits(flux2Pro, { prompt: "x", input_image: URL_A }, [{ width: 1440, height: 1440 }])).toBe(4.5);
    // 4 MP out: three further megapixels
    expect(credits(flux2Pro, { prompt: "x", width: 2048, height: 2048 })).toBe(7.5);
  });

  it("flat prices, and outpainting by mode", () => {
    expect(credits(fluxKontextPro, { prompt: "x" })).toBe(4);
    expect(credits(fluxToolsOutpainting, {})).toBe(20);
    expect(credits(fluxToolsOutpainting, { mode: "fast" })).toBe(4.5);
  });

  it("is undefined for a model with no known price", () => {
    const own = defineModel({
      ...flux2Pro,
      id: "my-finetune",
      label: "Mine",
      description: "A model of my own.",
    });
    expect(estimateCost(own, { prompt: "x" })).toBeUndefined();
  });
});
