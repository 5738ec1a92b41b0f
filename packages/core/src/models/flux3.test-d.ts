import { describe, expectTypeOf, it } from "vitest";
import type { ModelId, ModelInput, ModelOutput } from "./catalogue";
import type { Flux3Resolution } from "./flux3ImageInfo";

describe("FLUX 3 Image and the tools, in types", () => {
  it("has no seed, width or output_format on flux-3-image", () => {
    // @ts-expect-error FLUX 3 has no seed (its schema is strict)
    const seeded: ModelInput<"flux-3-image"> = { prompt: "a", seed: 42 };
    // @ts-expect-error FLUX 3 is sized by aspect_ratio and resolution
    const sized: ModelInput<"flux-3-image"> = { prompt: "a", width: 1024 };
    // @ts-expect-error FLUX 3 takes `images`, not input_image
    const image: ModelInput<"flux-3-image"> = { prompt: "a", input_image: "x" };
    // @ts-expect-error resolution is one of the five tiers
    const tier: ModelInput<"flux-3-image"> = { prompt: "a", resolution: "8k" };
    // @ts-expect-error aspect_ratio is one of the listed ratios
    const ratio: ModelInput<"flux-3-image"> = { prompt: "a", aspect_ratio: "16:10" };
    void [seeded, sized, image, tier, ratio];
  });

  it("takes its own fields, images as a string or a list", () => {
    const one: ModelInput<"flux-3-image"> = { prompt: "a", images: "https://x", grounding: false };
    const many: ModelInput<"flux-3-image"> = {
      prompt: "a",
      images: ["a", "b"],
      resolution: "2k",
      aspect_ratio: "auto",
    };
    void [one, many];
    expectTypeOf<ModelOutput<"flux-3-image">["resolution"]>().toEqualTypeOf<Flux3Resolution>();
    expectTypeOf<ModelOutput<"flux-3-image">["grounding"]>().toEqualTypeOf<boolean>();
  });

  it("has tool ids with a slash, each with its required fields", () => {
    expectTypeOf<"flux-tools/erase-v1">().toExtend<ModelId>();
    expectTypeOf<"flux-tools/erase">().not.toExtend<ModelId>();
    // @ts-expect-error erase needs a mask
    const erase: ModelInput<"flux-tools/erase-v1"> = { image: "x" };
    const outpaint: ModelInput<"flux-tools/outpainting-v1"> = {
      input_image: "x",
      width: 64,
      height: 64,
      // @ts-expect-error outpainting is strict: no seed
      seed: 1,
    };
    const pro: ModelInput<"flux-2-pro"> = { prompt: "a", disable_pup: true, user: "u" };
    void [erase, outpaint, pro];
  });
});
