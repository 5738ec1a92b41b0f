import * as z from "zod/mini";
import { aspectRatioString } from "./aspectRatio";
import { defineModelInfo, withSchema } from "./defineModel";
import {
  customCheck,
  OUTPUT_FORMATS,
  SAFETY_0_6,
  boolField,
  FLUX1_HEIGHT,
  FLUX1_WIDTH,
  commonFields,
  imagePromptField,
  intField,
  numberField,
  optionalImage,
  optionalPrompt,
  outputFormatField,
  range,
} from "./fields";
import type { ExtraField, ModelCapabilities, SizeCapability } from "./types";

/** FLUX1.1 [pro] Ultra `aspect_ratio` bounds ("between 21:9 and 9:21"), default 16:9. */
export const ULTRA_ASPECT = { widest: "21:9", tallest: "9:21", default: "16:9" } as const;
/** Ultra `image_prompt_strength`: 0–1, default 0.1. */
export const ULTRA_IMAGE_PROMPT_STRENGTH = range(0, 1, 0.1);

/* @__NO_SIDE_EFFECTS__ */
const flux1Capabilities = (size: SizeCapability, extraFields: readonly ExtraField[]): ModelCapabilities => ({
  textToImage: true,
  imageFields: [],
  imageRequired: false,
  mask: false,
  size,
  safetyTolerance: SAFETY_0_6,
  outputFormats: OUTPUT_FORMATS,
  defaultOutputFormat: "jpeg",
  promptUpsampling: false,
  extraFields,
});

// Schemas are built inside functions (no module-level spreads) so bundlers can drop the unused one.
/* @__NO_SIDE_EFFECTS__ */
const buildPro11 = () =>
  z.object({
    prompt: optionalPrompt(),
    image_prompt: optionalImage(),
    width: intField(FLUX1_WIDTH),
    height: intField(FLUX1_HEIGHT),
    prompt_upsampling: boolField(false),
    safety_tolerance: intField(SAFETY_0_6),
    output_format: outputFormatField("jpeg"),
    ...commonFields(),
  });

/* @__NO_SIDE_EFFECTS__ */
const buildUltra = () =>
  z
    .object({
      prompt: optionalPrompt(),
      prompt_upsampling: boolField(false),
      aspect_ratio: z._default(
        aspectRatioString(ULTRA_ASPECT.widest, ULTRA_ASPECT.tallest),
        ULTRA_ASPECT.default,
      ),
      safety_tolerance: intField(SAFETY_0_6),
      output_format: outputFormatField("jpeg"),
      raw: boolField(false),
      image_prompt: optionalImage(),
      image_prompt_strength: numberField(ULTRA_IMAGE_PROMPT_STRENGTH),
      ...commonFields(),
    })
    .check(
      customCheck((v, ctx) => {
        if (v.prompt || v.image_prompt) return;
        ctx.issues.push({
          code: "custom",
          path: ["prompt"],
          input: v.prompt,
          message: "Value error, either prompt or image_prompt is required",
          params: { type: "value_error" },
        });
      }),
    );

/** The zod/mini schema type of `FluxPro11Inputs` (named once for the declarations). */
export interface FluxPro11InputSchema extends ReturnType<typeof buildPro11> {}
/** The zod/mini schema type of `FluxUltraInput`. */
export interface FluxPro11UltraInputSchema extends ReturnType<typeof buildUltra> {}

/** `FluxPro11Inputs`: no required fields. */
export const fluxPro11Input: FluxPro11InputSchema = /* @__PURE__ */ buildPro11();

/** `FluxUltraInput`: `prompt` or `image_prompt` is required (as [PYCLIENT] enforces). */
export const fluxPro11UltraInput: FluxPro11UltraInputSchema = /* @__PURE__ */ buildUltra();

/** fluxPro11's info, without its schema (see `getModelInfo`). */
export const fluxPro11Info = defineModelInfo({
  id: "flux-pro-1.1",
  family: "flux-1.1",
  label: "FLUX1.1 [pro]",
  description: "Fast, reliable text-to-image up to 1440 px a side, with an optional Redux image prompt.",
  capabilities: flux1Capabilities({ kind: "dimensions", width: FLUX1_WIDTH, height: FLUX1_HEIGHT }, [
    imagePromptField,
  ]),
});
/** FLUX1.1 [pro]: fast text-to-image with explicit width/height. */
export const fluxPro11 = /* @__PURE__ */ withSchema(fluxPro11Info, fluxPro11Input);

/** fluxPro11Ultra's info, without its schema (see `getModelInfo`). */
export const fluxPro11UltraInfo = defineModelInfo({
  id: "flux-pro-1.1-ultra",
  family: "flux-1.1",
  label: "FLUX1.1 [pro] Ultra",
  description: "Up to 4 MP images chosen by aspect ratio; raw mode for a natural, less processed look.",
  capabilities: flux1Capabilities(
    {
      kind: "aspect_ratio",
      widest: ULTRA_ASPECT.widest,
      tallest: ULTRA_ASPECT.tallest,
      default: ULTRA_ASPECT.default,
    },
    [
      { name: "raw", kind: "boolean", label: "Raw mode", default: false },
      imagePromptField,
      {
        name: "image_prompt_strength",
        kind: "number",
        label: "Image prompt strength",
        min: ULTRA_IMAGE_PROMPT_STRENGTH.min,
        max: ULTRA_IMAGE_PROMPT_STRENGTH.max,
        default: ULTRA_IMAGE_PROMPT_STRENGTH.default,
      },
    ],
  ),
});
/** FLUX1.1 [pro] Ultra: 4 MP images by aspect ratio, with a `raw` mode. */
export const fluxPro11Ultra = /* @__PURE__ */ withSchema(fluxPro11UltraInfo, fluxPro11UltraInput);
