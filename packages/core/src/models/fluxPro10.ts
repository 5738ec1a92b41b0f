import * as z from "zod/mini";
import { defineModelInfo, withSchema } from "./defineModel";
import {
  OUTPUT_FORMATS,
  SAFETY_0_6,
  boolField,
  commonFields,
  imageString,
  intField,
  numberField,
  optionalImage,
  optionalPrompt,
  outputFormatField,
  range,
} from "./fields";
import type { ExtraField, ModelCapabilities } from "./types";

/** Fill/expand `steps`: 15–50, default 50. */
export const FILL_STEPS = range(15, 50, 50);
/** Fill/expand `guidance`: 1.5–100, default 60. */
export const FILL_GUIDANCE = range(1.5, 100, 60);
/** Expand margins (`top`, `bottom`, `left`, `right`): 0–2048 px, default 0. */
export const EXPAND_MARGIN = range(0, 2048, 0);

/* @__NO_SIDE_EFFECTS__ */
const editFields = () => ({
  /** The image to edit: base64 (or a URL). Required. */
  image: imageString(),
  prompt: optionalPrompt(),
  steps: intField(FILL_STEPS),
  prompt_upsampling: boolField(false),
  guidance: numberField(FILL_GUIDANCE),
  output_format: outputFormatField("jpeg"),
  safety_tolerance: intField(SAFETY_0_6),
  ...commonFields(),
});

/* @__NO_SIDE_EFFECTS__ */
const buildFill = () => z.object({ ...editFields(), mask: optionalImage() });
/* @__NO_SIDE_EFFECTS__ */
const buildExpand = () =>
  z.object({
    ...editFields(),
    top: intField(EXPAND_MARGIN),
    bottom: intField(EXPAND_MARGIN),
    left: intField(EXPAND_MARGIN),
    right: intField(EXPAND_MARGIN),
  });

/** The zod/mini schema type of `FluxProFillInputs` (named once for the declarations). */
export interface FluxPro10FillInputSchema extends ReturnType<typeof buildFill> {}
/** The zod/mini schema type of `FluxProExpandInputs`. */
export interface FluxPro10ExpandInputSchema extends ReturnType<typeof buildExpand> {}

/** `FluxProFillInputs`: `image` required; optional `mask` (white = inpaint, black = keep). */
export const fluxPro10FillInput: FluxPro10FillInputSchema = /* @__PURE__ */ buildFill();

/** `FluxProExpandInputs`: `image` required; margins in pixels to add on each side. */
export const fluxPro10ExpandInput: FluxPro10ExpandInputSchema = /* @__PURE__ */ buildExpand();

/* @__NO_SIDE_EFFECTS__ */
const editCapabilities = (mask: boolean, extraFields: readonly ExtraField[]): ModelCapabilities => ({
  textToImage: false,
  imageFields: ["image"],
  imageRequired: true,
  mask,
  size: { kind: "none" },
  steps: FILL_STEPS,
  guidance: FILL_GUIDANCE,
  safetyTolerance: SAFETY_0_6,
  outputFormats: OUTPUT_FORMATS,
  defaultOutputFormat: "jpeg",
  promptUpsampling: false,
  extraFields,
});

/* @__NO_SIDE_EFFECTS__ */
const margin = (name: string, label: string): ExtraField => ({
  name,
  kind: "integer",
  label,
  ...EXPAND_MARGIN,
});

/** fluxPro10Fill's info, without its schema (see `getModelInfo`). */
export const fluxPro10FillInfo = defineModelInfo({
  id: "flux-pro-1.0-fill",
  family: "flux-1.0",
  label: "FLUX.1 Fill [pro]",
  description: "Inpainting: repaint the masked part of an image from a prompt.",
  capabilities: editCapabilities(true, []),
});
/** FLUX.1 Fill [pro]: inpainting of the masked area. */
export const fluxPro10Fill = /* @__PURE__ */ withSchema(fluxPro10FillInfo, fluxPro10FillInput);

/** fluxPro10Expand's info, without its schema (see `getModelInfo`). */
export const fluxPro10ExpandInfo = defineModelInfo({
  id: "flux-pro-1.0-expand",
  family: "flux-1.0",
  label: "FLUX.1 Expand [pro]",
  description: "Outpainting: extend an image beyond its borders by up to 2048 px a side.",
  capabilities: editCapabilities(false, [
    margin("top", "Expand top (px)"),
    margin("bottom", "Expand bottom (px)"),
    margin("left", "Expand left (px)"),
    margin("right", "Expand right (px)"),
  ]),
});
/** FLUX.1 Expand [pro]: outpainting by margins. */
export const fluxPro10Expand = /* @__PURE__ */ withSchema(fluxPro10ExpandInfo, fluxPro10ExpandInput);
