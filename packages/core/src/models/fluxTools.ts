import { defineModelInfo, withSchema } from "./defineModel";
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
import type { EndpointId } from "../bfl/endpoints";
import type { ExtraField, ModelCapabilities } from "./types";

/** The zod/mini schema types of the tools (named once for the declarations). */
export interface FluxEraseInputSchema extends ReturnType<typeof buildErase> {}
export interface FluxOutpaintingInputSchema extends ReturnType<typeof buildOutpainting> {}
export interface FluxTryOnInputSchema extends ReturnType<typeof buildTryOn> {}
export interface FluxDeblurInputSchema extends ReturnType<typeof buildDeblur> {}

/** The tools' request bodies (one schema object each; both try-on versions share theirs). */
export const fluxEraseInput: FluxEraseInputSchema = /* @__PURE__ */ buildErase();
export const fluxOutpaintingInput: FluxOutpaintingInputSchema = /* @__PURE__ */ buildOutpainting();
export const fluxTryOnInput: FluxTryOnInputSchema = /* @__PURE__ */ buildTryOn();
export const fluxDeblurInput: FluxDeblurInputSchema = /* @__PURE__ */ buildDeblur();

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

/** A FLUX Tools model's info (a function, so bundlers drop the tools an app does not import). */
/* @__NO_SIDE_EFFECTS__ */
const tool = <const Id extends EndpointId>(
  id: Id,
  label: string,
  description: string,
  capabilities: ModelCapabilities,
) => defineModelInfo({ id, family: "flux-tools", label, description, capabilities });

/** Both try-on versions take a person and a garment and answer JPEG. */
const TRY_ON = /* @__PURE__ */ toolCapabilities(["person", "garment"], { defaultOutputFormat: "jpeg" });

/** fluxToolsErase's info, without its schema (see `getModelInfo`). */
export const fluxToolsEraseInfo = tool(
  "flux-tools/erase-v1",
  "FLUX Erase",
  "Remove what the mask covers (white) and fill the area in.",
  toolCapabilities(["image"], {
    mask: true,
    prompt: false,
    extraFields: [{ name: "dilate_pixels", kind: "integer", label: "Grow mask (px)", ...ERASE_DILATE }],
  }),
);
/** FLUX Tools erase: removes what a mask covers and fills it in (3 credits, ~2 s). */
export const fluxToolsErase = /* @__PURE__ */ withSchema(fluxToolsEraseInfo, fluxEraseInput);

/** fluxToolsOutpainting's info, without its schema (see `getModelInfo`). */
export const fluxToolsOutpaintingInfo = tool(
  "flux-tools/outpainting-v1",
  "FLUX Outpaint",
  "Place the image on a larger canvas and paint the rest.",
  toolCapabilities(["input_image"], {
    strict: true,
    size: { kind: "dimensions", width: OUTPAINT_SIDE, height: OUTPAINT_SIDE },
    extraFields: [
      { name: "mode", kind: "choice", label: "Quality", options: OUTPAINT_MODES, default: "high" },
    ],
  }),
);
/** FLUX Tools outpainting: grows an image onto a larger canvas; strict schema, no seed (`mode: "high"` ~33 s). */
export const fluxToolsOutpainting = /* @__PURE__ */ withSchema(
  fluxToolsOutpaintingInfo,
  fluxOutpaintingInput,
);

/** fluxToolsVtoV1's info, without its schema (see `getModelInfo`). */
export const fluxToolsVtoV1Info = tool(
  "flux-tools/vto-v1",
  "FLUX Virtual try-on v1",
  "Dress the person in image 1 in the garment of image 2 (superseded by v2).",
  TRY_ON,
);
/** FLUX Tools virtual try-on v1 (superseded by v2). */
export const fluxToolsVtoV1 = /* @__PURE__ */ withSchema(fluxToolsVtoV1Info, fluxTryOnInput);

/** fluxToolsVtoV2's info, without its schema (see `getModelInfo`). */
export const fluxToolsVtoV2Info = tool(
  "flux-tools/vto-v2",
  "FLUX Virtual try-on",
  "Dress the person in image 1 in the garment of image 2; up to 4 MP.",
  TRY_ON,
);
/** FLUX Tools virtual try-on v2: up to 4 MP in and out; writes its own instruction from the pictures. */
export const fluxToolsVtoV2 = /* @__PURE__ */ withSchema(fluxToolsVtoV2Info, fluxTryOnInput);

/** fluxToolsDeblur's info, without its schema (see `getModelInfo`). */
export const fluxToolsDeblurInfo = tool(
  "flux-tools/deblur-v1",
  "FLUX Deblur",
  "Sharpen a blurred photo.",
  toolCapabilities(["image"], { prompt: false }),
);
/** FLUX Tools deblur: sharpens one image, no prompt (3 credits, ~2 s). */
export const fluxToolsDeblur = /* @__PURE__ */ withSchema(fluxToolsDeblurInfo, fluxDeblurInput);
