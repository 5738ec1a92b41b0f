import * as z from "zod/mini";
import { aspectRatioString } from "./aspectRatio";
import { defineModelInfo, withSchema } from "./defineModel";
import {
  OUTPUT_FORMATS,
  SAFETY_0_6,
  boolField,
  commonFields,
  inputImageNames,
  inputImages4,
  intField,
  outputFormatField,
  nonEmptyString,
} from "./fields";
import type { ModelCapabilities } from "./types";

/**
 * Kontext `aspect_ratio` bounds accepted client-side: 1:4 – 4:1, the widest range any source gives
 * ([PYCLIENT] and the ComfyUI nodes). [OAS] says 21:9 – 9:21 and the docs say 3:7 – 7:3; BFL decides.
 */
export const KONTEXT_ASPECT = { widest: "4:1", tallest: "1:4", default: "1:1" } as const;

/* @__NO_SIDE_EFFECTS__ */
const buildKontext = () =>
  z.object({
    prompt: nonEmptyString(),
    ...inputImages4(),
    /** `"W:H"`; null or omitted means 1:1 (about 1 MP). */
    aspect_ratio: z.optional(z.nullable(aspectRatioString(KONTEXT_ASPECT.widest, KONTEXT_ASPECT.tallest))),
    /** Default `"png"` per [OAS] and [PYCLIENT]; one docs table says `"jpeg"`. */
    output_format: outputFormatField("png"),
    prompt_upsampling: boolField(false),
    safety_tolerance: intField(SAFETY_0_6),
    ...commonFields(),
  });

/** The zod/mini schema type of `FluxKontextProInputs` (named once for the declarations). */
export interface FluxKontextInputSchema extends ReturnType<typeof buildKontext> {}

/** `FluxKontextProInputs`, shared by flux-kontext-pro and flux-kontext-max. */
export const fluxKontextInput: FluxKontextInputSchema = /* @__PURE__ */ buildKontext();

const kontextCapabilities: ModelCapabilities = {
  textToImage: true,
  imageFields: inputImageNames(4),
  imageRequired: false,
  mask: false,
  size: { kind: "aspect_ratio", ...KONTEXT_ASPECT },
  safetyTolerance: SAFETY_0_6,
  outputFormats: OUTPUT_FORMATS,
  defaultOutputFormat: "png",
  promptUpsampling: false,
  extraFields: [],
};

/**
 * BFL marks both Kontext endpoints deprecated ("legacy editing model") and sends new integrations to FLUX.2
 * [pro]; they still answer (docs/bfl-api.md, 2026 addendum §6).
 */
const KONTEXT_DEPRECATION = {
  replacement: "flux-2-pro",
  note: "Legacy editing model: BFL recommends FLUX.2 [pro] for editing.",
} as const;

/** fluxKontextPro's info, without its schema (see `getModelInfo`). */
export const fluxKontextProInfo = defineModelInfo({
  id: "flux-kontext-pro",
  family: "flux-kontext",
  label: "FLUX.1 Kontext [pro]",
  description:
    "Edit an image with a text instruction, or generate from text; consistent characters and styles.",
  capabilities: kontextCapabilities,
  deprecated: KONTEXT_DEPRECATION,
});
/** @deprecated by BFL in 2026 (use `flux2Pro`); still works. FLUX.1 Kontext [pro]: in-context editing and generation; `input_image_2`–`_4` are experimental multi-ref. */
export const fluxKontextPro = /* @__PURE__ */ withSchema(fluxKontextProInfo, fluxKontextInput);

/** fluxKontextMax's info, without its schema (see `getModelInfo`). */
export const fluxKontextMaxInfo = defineModelInfo({
  id: "flux-kontext-max",
  family: "flux-kontext",
  label: "FLUX.1 Kontext [max]",
  description: "Kontext with the best prompt adherence and typography; at most 6 tasks at a time.",
  capabilities: kontextCapabilities,
  deprecated: KONTEXT_DEPRECATION,
});
/** @deprecated by BFL in 2026 (use `flux2Pro` or `flux2Max`); still works. FLUX.1 Kontext [max]: higher quality and typography; BFL allows only 6 active tasks. */
export const fluxKontextMax = /* @__PURE__ */ withSchema(fluxKontextMaxInfo, fluxKontextInput);
