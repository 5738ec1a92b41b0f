import { describe, expectTypeOf, it } from "vitest";
import {
  getModel,
  models,
  type ModelId,
  type ModelInput,
  type ModelInputs,
  type ModelOutput,
} from "./catalogue";
import { flux2Pro } from "./flux2";
import type { ModelDefinition } from "./types";
import { validateInput } from "./validateInput";

describe("model types", () => {
  it("keeps ids literal", () => {
    expectTypeOf<ModelId>().toEqualTypeOf<keyof typeof models>();
    expectTypeOf(models["flux-dev"].id).toEqualTypeOf<"flux-dev">();
    expectTypeOf(flux2Pro.path).toEqualTypeOf<"/v1/flux-2-pro">();
    expectTypeOf<"flux-2-pro">().toExtend<ModelId>();
    expectTypeOf<"flux-kontext">().not.toExtend<ModelId>();
    expectTypeOf(flux2Pro).toExtend<ModelDefinition>();
  });

  it("rejects fields a model does not accept", () => {
    // @ts-expect-error klein has no steps
    const klein: ModelInput<"flux-2-klein-4b"> = { prompt: "a", steps: 4 };
    // @ts-expect-error klein takes at most 4 input images
    const klein5: ModelInput<"flux-2-klein-9b"> = { prompt: "a", input_image_5: "x" };
    // @ts-expect-error FLUX.2 [pro] has no prompt_upsampling
    const pro: ModelInput<"flux-2-pro"> = { prompt: "a", prompt_upsampling: true };
    // @ts-expect-error Kontext is sized by aspect_ratio
    const kontext: ModelInput<"flux-kontext-pro"> = { prompt: "a", width: 1024 };
    void [klein, klein5, pro, kontext];
  });

  it("accepts each model's own fields", () => {
    const flex: ModelInput<"flux-2-flex"> = {
      prompt: "a",
      steps: 4,
      guidance: 2.5,
      prompt_upsampling: false,
    };
    const ultra: ModelInput<"flux-pro-1.1-ultra"> = {
      raw: true,
      image_prompt: "b64",
      image_prompt_strength: 0.5,
    };
    const expand: ModelInput<"flux-pro-1.0-expand"> = { image: "b64", top: 256 };
    const pro: ModelInput<"flux-2-pro"> = { prompt: "a", width: null, input_image_8: "https://x" };
    void [flex, ultra, expand, pro];
    expectTypeOf<ModelInput<"flux-2-flex">["steps"]>().toEqualTypeOf<number | null | undefined>();
  });

  it("requires the required fields", () => {
    // @ts-expect-error prompt is required for FLUX.2
    const noPrompt: ModelInput<"flux-2-pro"> = { width: 1024 };
    // @ts-expect-error fill needs an image
    const noImage: ModelInput<"flux-pro-1.0-fill"> = { prompt: "a" };
    // @ts-expect-error output_format is an enum
    const gif: ModelInput<"flux-dev"> = { output_format: "gif" };
    void [noPrompt, noImage, gif];
    expectTypeOf<ModelInput<"flux-pro-1.1">>().toExtend<Record<string, unknown>>();
    expectTypeOf<ModelInputs["flux-dev"]>().toEqualTypeOf<ModelInput<"flux-dev">>();
  });

  it("applies defaults in the output type", () => {
    expectTypeOf<ModelOutput<"flux-dev">["steps"]>().toEqualTypeOf<number>();
    expectTypeOf<ModelOutput<"flux-kontext-max">["output_format"]>().toEqualTypeOf<
      "jpeg" | "png" | "webp" | null
    >();
    expectTypeOf<ModelOutput<"flux-2-pro">["prompt"]>().toEqualTypeOf<string>();
  });

  it("types lookups and validation by id", () => {
    expectTypeOf(getModel("flux-dev")).toEqualTypeOf<(typeof models)["flux-dev"]>();
    expectTypeOf(getModel("whatever" as string)).toEqualTypeOf<ModelDefinition | undefined>();
    const r = validateInput("flux-2-flex", {});
    if (r.success) expectTypeOf(r.data.guidance).toEqualTypeOf<number | null>();
  });
});
