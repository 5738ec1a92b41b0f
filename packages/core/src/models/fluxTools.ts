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
import type * as z from "zod/mini";
import type { EndpointId } from "../bfl/endpoints";
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

/** A FLUX Tools definition (a function, so bundlers drop the tools an app does not import). */
/* @__NO_SIDE_EFFECTS__ */
const tool = <const Id extends EndpointId, Input extends z.ZodMiniType>(
  id: Id,
  label: string,
  description: string,
  input: Input,
  capabilities: ModelCapabilities,
) => defineModel({ id, family: "flux-tools", label, description, input, capabilities });

/** Both try-on versions take a person and a garment and answer JPEG. */
const TRY_ON = /* @__PURE__ */ toolCapabilities(["person", "garment"], { defaultOutputFormat: "jpeg" });

/** FLUX Tools erase: removes what a mask covers and fills it in (3 credits, ~2 s). */
export const fluxToolsErase = tool(
  "flux-tools/erase-v1",
  "FLUX Erase",
  "Remove what the mask covers (white) and fill the area in.",
  fluxEraseInput,
  toolCapabilities(["image"], {
    mask: true,
    extraFields: [{ name: "dilate_pixels", kind: "integer", label: "Grow mask (px)", ...ERASE_DILATE }],
  }),
);

/** FLUX Tools outpainting: grows an image onto a larger canvas; strict schema, no seed (`mode: "high"` ~33 s). */
export const fluxToolsOutpainting = tool(
  "flux-tools/outpainting-v1",
  "FLUX Outpaint",
  "Place the image on a larger canvas and paint the rest.",
  fluxOutpaintingInput,
  toolCapabilities(["input_image"], {
    strict: true,
    size: { kind: "dimensions", width: OUTPAINT_SIDE, height: OUTPAINT_SIDE },
    extraFields: [
      { name: "mode", kind: "choice", label: "Quality", options: OUTPAINT_MODES, default: "high" },
    ],
  }),
);

/** FLUX Tools virtual try-on v1 (superseded by v2). */
export const fluxToolsVtoV1 = tool(
  "flux-tools/vto-v1",
  "FLUX Virtual try-on v1",
  "Dress the person in image 1 in the garment of image 2 (superseded by v2).",
  fluxTryOnInput,
  TRY_ON,
);

/** FLUX Tools virtual try-on v2: up to 4 MP in and out; writes its own instruction from the pictures. */
export const fluxToolsVtoV2 = tool(
  "flux-tools/vto-v2",
  "FLUX Virtual try-on",
  "Dress the person in image 1 in the garment of image 2; up to 4 MP.",
  fluxTryOnInput,
  TRY_ON,
);

/** FLUX Tools deblur: sharpens one image, no prompt (3 credits, ~2 s). */
export const fluxToolsDeblur = tool(
  "flux-tools/deblur-v1",
  "FLUX Deblur",
  "Sharpen a blurred photo.",
  fluxDeblurInput,
  toolCapabilities(["image"]),
);
