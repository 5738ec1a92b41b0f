import { withSchema } from "./defineModel";
import { flux3ImageInfo } from "./flux3ImageInfo";
import { buildFlux3 } from "./flux3Schema";

/** The schema type of `Flux3ImageInputs` (named once for the declarations). */
export interface Flux3ImageInputSchema extends ReturnType<typeof buildFlux3> {}

/** `Flux3ImageInputs`: `prompt`, `images`, `aspect_ratio`, `resolution`, `grounding`, `safety_tolerance`, `version`. */
export const flux3ImageInput: Flux3ImageInputSchema = /* @__PURE__ */ buildFlux3();

/**
 * FLUX 3 Image: BFL's flagship since 2026-10-01. Text-to-image and editing with up to 10 references, layout by
 * bounding boxes written into the prompt, resolution tiers up to 4k, grounding search. Runs take one to two and
 * a half minutes; result URLs live an hour. No seed: the schema is strict.
 * @example await flux.generate(flux3Image, { prompt: "a lighthouse at dusk", resolution: "2k" })
 */
export const flux3Image = /* @__PURE__ */ withSchema(flux3ImageInfo, flux3ImageInput);
