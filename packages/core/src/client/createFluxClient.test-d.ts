import { describe, expectTypeOf, it } from "vitest";
import { flux2Flex, flux2Klein4b } from "../models/flux2";
import { createFluxClient } from "./createFluxClient";
import type { FluxJob, FluxResult } from "./types";

const flux = createFluxClient();

describe("per-model input types flow through the client", () => {
  it("accepts each model's own fields", () => {
    expectTypeOf(flux.submit("flux-2-flex", { prompt: "x", steps: 30, guidance: 4.5 })).toEqualTypeOf<
      Promise<FluxJob>
    >();
    expectTypeOf(flux.submit(flux2Flex, { prompt: "x", steps: 30 })).toEqualTypeOf<Promise<FluxJob>>();
    expectTypeOf(flux.generate("flux-kontext-pro", { prompt: "x", aspect_ratio: "16:9" })).toEqualTypeOf<
      Promise<FluxResult>
    >();
  });

  it("rejects fields a model does not take", () => {
    // @ts-expect-error klein has no steps
    void flux.submit("flux-2-klein-4b", { prompt: "x", steps: 4 });
    // @ts-expect-error klein has no steps (definition object form)
    void flux.submit(flux2Klein4b, { prompt: "x", steps: 4 });
    // @ts-expect-error kontext is sized by aspect_ratio, not width
    void flux.generate("flux-kontext-max", { prompt: "x", width: 1024 });
    // @ts-expect-error prompt is required on FLUX.2
    void flux.submit("flux-2-pro", { width: 1024 });
    // @ts-expect-error not a model
    void flux.submit("flux-9000", { prompt: "x" });
  });
});
