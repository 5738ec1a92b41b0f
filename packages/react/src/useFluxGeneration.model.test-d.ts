import { describe, expectTypeOf, it } from "vitest";
import { flux2Flex, flux2Klein4b, type FluxResult, type ModelId, type ModelInput } from "@flux-kit/core";
import type { FluxGenerateOptions, UseFluxGenerationResult } from "./index";

// the hook generates with FLUX.2 [flex] (which takes `steps`) unless a call names another model
declare const gen: UseFluxGenerationResult<"flux-2-flex">;
// FLUX.2 [pro] with a default size and prompt
declare const sized: UseFluxGenerationResult<"flux-2-pro", { width: number; prompt: string }>;

describe("generate(input, { model }) types input by the call's model", () => {
  it("accepts the named model's own fields", () => {
    expectTypeOf(gen.generate({ prompt: "x", steps: 30 })).toEqualTypeOf<Promise<FluxResult>>();
    expectTypeOf(
      gen.generate({ prompt: "x", aspect_ratio: "16:9" }, { model: "flux-kontext-pro" }),
    ).toEqualTypeOf<Promise<FluxResult>>();
    expectTypeOf(gen.generate({ prompt: "x", width: 512 }, { model: "flux-2-klein-4b" })).toEqualTypeOf<
      Promise<FluxResult>
    >();
    expectTypeOf(gen.generate({ prompt: "x", steps: 30 }, { model: flux2Flex })).toEqualTypeOf<
      Promise<FluxResult>
    >();
    void gen.generate({ prompt: "x" }, {}); // no model: the hook's
    void gen.generate({ prompt: "x", steps: 30 }, { model: "flux-2-flex" });
  });

  it("rejects fields the named model does not take, though the hook's model takes them", () => {
    // @ts-expect-error klein has no steps (flex, the hook's model, has)
    void gen.generate({ prompt: "x", steps: 30 }, { model: "flux-2-klein-4b" });
    // @ts-expect-error klein has no steps (definition object form)
    void gen.generate({ prompt: "x", steps: 30 }, { model: flux2Klein4b });
    // @ts-expect-error Kontext is sized by aspect_ratio, not width
    void gen.generate({ prompt: "x", width: 1024 }, { model: "flux-kontext-pro" });
    // @ts-expect-error fill needs an image
    void gen.generate({ prompt: "x" }, { model: "flux-pro-1.0-fill" });
    // @ts-expect-error not a model
    void gen.generate({ prompt: "x" }, { model: "flux-9000" });
  });

  it("a model known only at run time takes any model's input", () => {
    const model = "flux-2-pro" as ModelId;
    const input = { prompt: "x" } as ModelInput<ModelId>;
    expectTypeOf(gen.generate(input, { model })).toEqualTypeOf<Promise<FluxResult>>();
  });

  it("defaults stay optional for the named model, and must be fields it takes", () => {
    void sized.generate({}, { model: "flux-2-klein-4b" }); // prompt comes from defaults
    void sized.generate({ seed: 1 }, { model: flux2Klein4b });
    // @ts-expect-error the defaults' width is no Kontext field
    void sized.generate({ prompt: "x" }, { model: "flux-kontext-pro" });
  });

  it("names the options type", () => {
    expectTypeOf<FluxGenerateOptions<"flux-2-pro">>().toEqualTypeOf<{
      readonly model?: "flux-2-pro" | undefined;
    }>();
    expectTypeOf<UseFluxGenerationResult<"flux-2-pro">["generate"]>().toBeCallableWith(
      { prompt: "x" },
      { model: "flux-2-pro" },
    );
  });
});
