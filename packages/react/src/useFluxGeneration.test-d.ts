import { describe, expectTypeOf, it } from "vitest";
import type { FluxError, FluxJob, FluxResult, ModelInput } from "@flux-kit/core";
import type {
  FluxGenerationStatus,
  GenerateInput,
  UseFluxGenerationOptions,
  UseFluxGenerationResult,
} from "./index";
import { useFluxGeneration } from "./index";

describe("useFluxGeneration types", () => {
  it("infers generate's input from the model id literal", () => {
    type Gen = ReturnType<typeof useFluxGeneration<"flux-kontext-pro">>;
    expectTypeOf<Parameters<Gen["generate"]>[0]>().toEqualTypeOf<ModelInput<"flux-kontext-pro">>();
    expectTypeOf<Gen["generate"]>().returns.toEqualTypeOf<Promise<FluxResult>>();
    expectTypeOf<Gen["status"]>().toEqualTypeOf<FluxGenerationStatus>();
    expectTypeOf<Gen["task"]>().toEqualTypeOf<FluxJob | undefined>();
    expectTypeOf<Gen["error"]>().toEqualTypeOf<FluxError | undefined>();
  });

  it("makes fields given in defaults optional", () => {
    type Input = GenerateInput<"flux-2-pro", { prompt: string }>;
    expectTypeOf<{ seed: 1 }>().toExtend<Input>();
    expectTypeOf<{ seed: 1 }>().not.toExtend<GenerateInput<"flux-2-pro">>();
    // the hook's model types generate(input): the last overload (the first one is generic over every model id,
    // FLUX Tools without a prompt included)
    const gen = {} as UseFluxGenerationResult<"flux-2-pro">;
    expectTypeOf(gen.generate).toBeCallableWith({ prompt: "a" });
    // @ts-expect-error FLUX.2 [pro] needs its prompt
    void (() => gen.generate({ seed: 1 }));
  });

  it("rejects defaults the model does not take", () => {
    const ok: UseFluxGenerationOptions<"flux-2-pro", { width: number }> = {
      model: "flux-2-pro",
      defaults: { width: 1024 },
    };
    const bad: UseFluxGenerationOptions<"flux-2-pro", { aspect_ratio: string }> = {
      model: "flux-2-pro",
      // @ts-expect-error FLUX.2 is sized by width/height, not aspect_ratio
      defaults: { aspect_ratio: "1:1" },
    };
    // inferred from a call, as users write it
    const useBad = () =>
      useFluxGeneration({
        model: "flux-2-pro",
        // @ts-expect-error not a flux-2-pro field
        defaults: { aspect_ratio: "1:1" },
      });
    void ok;
    void bad;
    void useBad;
  });

  it("rejects fields the model does not have", () => {
    type Gen = UseFluxGenerationResult<"flux-2-pro">;
    // @ts-expect-error not a flux-2-pro field
    const input: Parameters<Gen["generate"]>[0] = { prompt: "x", not_a_field: 1 };
    void input;
  });
});
