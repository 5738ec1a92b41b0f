import { withSchema } from "./defineModel";
import {
  fluxToolsDeblurInfo,
  fluxToolsEraseInfo,
  fluxToolsOutpaintingInfo,
  fluxToolsVtoV1Info,
  fluxToolsVtoV2Info,
} from "./fluxToolsInfo";
import { buildDeblur, buildErase, buildOutpainting, buildTryOn } from "./fluxToolsSchema";

/** The schema types of the tools (named once for the declarations). */
export interface FluxEraseInputSchema extends ReturnType<typeof buildErase> {}
export interface FluxOutpaintingInputSchema extends ReturnType<typeof buildOutpainting> {}
export interface FluxTryOnInputSchema extends ReturnType<typeof buildTryOn> {}
export interface FluxDeblurInputSchema extends ReturnType<typeof buildDeblur> {}

/** The tools' request bodies (one schema object each; both try-on versions share theirs). */
export const fluxEraseInput: FluxEraseInputSchema = /* @__PURE__ */ buildErase();
export const fluxOutpaintingInput: FluxOutpaintingInputSchema = /* @__PURE__ */ buildOutpainting();
export const fluxTryOnInput: FluxTryOnInputSchema = /* @__PURE__ */ buildTryOn();
export const fluxDeblurInput: FluxDeblurInputSchema = /* @__PURE__ */ buildDeblur();

/** FLUX Tools erase: removes what a mask covers and fills it in (3 credits, ~2 s). */
export const fluxToolsErase = /* @__PURE__ */ withSchema(fluxToolsEraseInfo, fluxEraseInput);

/** FLUX Tools outpainting: grows an image onto a larger canvas; strict schema, no seed (`mode: "high"` ~33 s). */
export const fluxToolsOutpainting = /* @__PURE__ */ withSchema(
  fluxToolsOutpaintingInfo,
  fluxOutpaintingInput,
);

/** FLUX Tools virtual try-on v1 (superseded by v2). */
export const fluxToolsVtoV1 = /* @__PURE__ */ withSchema(fluxToolsVtoV1Info, fluxTryOnInput);

/** FLUX Tools virtual try-on v2: up to 4 MP in and out; writes its own instruction from the pictures. */
export const fluxToolsVtoV2 = /* @__PURE__ */ withSchema(fluxToolsVtoV2Info, fluxTryOnInput);

/** FLUX Tools deblur: sharpens one image, no prompt (3 credits, ~2 s). */
export const fluxToolsDeblur = /* @__PURE__ */ withSchema(fluxToolsDeblurInfo, fluxDeblurInput);
