import { defineModelInfo, withSchema } from "./defineModel";
import {
  FLUX3_ASPECT_RATIOS,
  FLUX3_MAX_IMAGES,
  FLUX3_RESOLUTIONS,
  FLUX3_SAFETY,
  buildFlux3,
} from "./flux3Schema";

/** The zod/mini schema type of `Flux3ImageInputs` (named once for the declarations). */
export interface Flux3ImageInputSchema extends ReturnType<typeof buildFlux3> {}

/** `Flux3ImageInputs`: `prompt`, `images`, `aspect_ratio`, `resolution`, `grounding`, `safety_tolerance`, `version`. */
export const flux3ImageInput: Flux3ImageInputSchema = /* @__PURE__ */ buildFlux3();

/** flux3Image's info, without its schema (see `getModelInfo`). */
export const flux3ImageInfo = defineModelInfo({
  id: "flux-3-image",
  family: "flux-3",
  label: "FLUX 3 Image",
  description:
    "BFL's newest model: layouts with boxes, up to 10 references, up to 4k; about 1–2 minutes per image.",
  capabilities: {
    textToImage: true,
    imageFields: [],
    imageList: { field: "images", max: FLUX3_MAX_IMAGES },
    imageRequired: false,
    mask: false,
    strict: true,
    seed: false,
    outputFormat: false,
    size: {
      kind: "aspect_ratio",
      widest: "21:9",
      tallest: "9:21",
      default: "auto",
      ratios: FLUX3_ASPECT_RATIOS,
    },
    safetyTolerance: FLUX3_SAFETY,
    outputFormats: ["jpeg"],
    defaultOutputFormat: "jpeg",
    extraFields: [
      { name: "resolution", kind: "choice", label: "Resolution", options: FLUX3_RESOLUTIONS, default: "1k" },
      { name: "grounding", kind: "boolean", label: "Research the prompt first (grounding)", default: true },
    ],
  },
});
/**
 * FLUX 3 Image: BFL's flagship since 2026-10-01. Text-to-image and editing with up to 10 references, layout by
 * bounding boxes written into the prompt, resolution tiers up to 4k, grounding search. Runs take one to two and
 * a half minutes; result URLs live an hour. No seed: the schema is strict.
 * @example await flux.generate(flux3Image, { prompt: "a lighthouse at dusk", resolution: "2k" })
 */
export const flux3Image = /* @__PURE__ */ withSchema(flux3ImageInfo, flux3ImageInput);
