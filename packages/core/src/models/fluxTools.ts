import { defineModel } from "./defineModel";
import { OUTPUT_FORMATS, SAFETY_0_5 } from "./fields";
import {
  ERASE_DILATE,
  OUTPAINT_MODES,
  OUTPAINT_SIDE,
  buildDeblur,
  buildErase,
  buildOutpainting,
  buildTryOn,
} from "./fluxToolsSchema";
import type { ExtraField, ModelCapabilities } from "./types";

/** The zod/mini schema types of the tools (named once for the declarations). */
export interface FluxEraseInputSchema extends ReturnType<typeof buildErase> {}
export interface FluxOutpaintingInputSchema extends ReturnType<typeof buildOutpainting> {}
export interface FluxTryOnInputSchema extends ReturnType<typeof buildTryOn> {}
export interface FluxDeblurInputSchema extends ReturnType<typeof buildDeblur> {}

/** The tools' request bodies (one schema object each; both try-on versions share theirs). */
export const fluxEraseInput: FluxEraseInputSchema = buildErase();
export const fluxOutpaintingInput: FluxOutpaintingInputSchema = buildOutpainting();
export const fluxTryOnInput: FluxTryOnInputSchema = buildTryOn();
export const fluxDeblurInput: FluxDeblurInputSchema = buildDeblur();

/* @__NO_SIDE_EFFECTS__ */
const toolCapabilities = (
  imageFields: readonly string[],
  extra: Partial<ModelCapabilities> & { readonly extraFields?: readonly ExtraField[] } = {},
): ModelCapabilities => ({
  textToImage: false,
  imageFields,
  imageRequired: true,
  mask: false,
  size: { kind: "none" },
  safetyTolerance: SAFETY_0_5,
  outputFormats: OUTPUT_FORMATS,
  defaultOutputFormat: "png",
  extraFields: [],
  ...extra,
});

/** FLUX Tools erase: removes what a mask covers and fills it in (3 credits, ~2 s). */
export const fluxToolsErase = defineModel({
  id: "flux-tools/erase-v1",
  family: "flux-tools",
  label: "FLUX Erase",
  description: "Remove what the mask covers (white) and fill the area in.",
  input: fluxEraseInput,
  capabilities: toolCapabilities(["image"], {
    mask: true,
    extraFields: [{ name: "dilate_pixels", kind: "integer", label: "Grow mask (px)", ...ERASE_DILATE }],
  }),
});

/** FLUX Tools outpainting: grows an image onto a larger canvas; strict schema, no seed (`mode: "high"` ~33 s). */
export const fluxToolsOutpainting = defineModel({
  id: "flux-tools/outpainting-v1",
  family: "flux-tools",
  label: "FLUX Outpaint",
  description: "Place the image on a larger canvas and paint the rest.",
  input: fluxOutpaintingInput,
  capabilities: toolCapabilities(["input_image"], {
    strict: true,
    size: { kind: "dimensions", width: OUTPAINT_SIDE, height: OUTPAINT_SIDE },
    extraFields: [
      { name: "mode", kind: "choice", label: "Quality", options: OUTPAINT_MODES, default: "high" },
    ],
  }),
});

/** FLUX Tools virtual try-on v1 (superseded by v2). */
export const fluxToolsVtoV1 = defineModel({
  id: "flux-tools/vto-v1",
  family: "flux-tools",
  label: "FLUX Virtual try-on v1",
  description: "Dress the person in image 1 in the garment of image 2 (superseded by v2).",
  input: fluxTryOnInput,
  capabilities: toolCapabilities(["person", "garment"], { defaultOutputFormat: "jpeg" }),
});

/** FLUX Tools virtual try-on v2: up to 4 MP in and out; writes its own instruction from the pictures. */
export const fluxToolsVtoV2 = defineModel({
  id: "flux-tools/vto-v2",
  family: "flux-tools",
  label: "FLUX Virtual try-on",
  description: "Dress the person in image 1 in the garment of image 2; up to 4 MP.",
  input: fluxTryOnInput,
  capabilities: toolCapabilities(["person", "garment"], { defaultOutputFormat: "jpeg" }),
});

/** FLUX Tools deblur: sharpens one image, no prompt (3 credits, ~2 s). */
export const fluxToolsDeblur = defineModel({
  id: "flux-tools/deblur-v1",
  family: "flux-tools",
  label: "FLUX Deblur",
  description: "Sharpen a blurred photo.",
  input: fluxDeblurInput,
  capabilities: toolCapabilities(["image"]),
});
