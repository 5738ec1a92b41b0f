import { describe, expectTypeOf, it } from "vitest";
import type { FluxError, FluxJob, FluxResult, ModelInput } from "@flux-kit/core";
import type {
  FluxGenerationStatus,
  GenerateInput,
  UseFluxGenerationResult,
  useFluxGeneration,
} from "./index";

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
    expectTypeOf<UseFluxGenerationResult<"flux-2-pro">["generate"]>().parameter(0).toHaveProperty("prompt");
  });

  it("rejects fields the model does not have", () => {
    type Gen = UseFluxGenerationResult<"flux-2-pro">;
    // @ts-expect-error not a flux-2-pro field
    const input: Parameters<Gen["generate"]>[0] = { prompt: "x", not_a_field: 1 };
    void input;
  });
});
