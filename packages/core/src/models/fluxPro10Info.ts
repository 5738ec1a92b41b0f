import { defineModelInfo } from "./defineModelInfo";
import { OUTPUT_FORMATS, SAFETY_0_6, range } from "./fieldInfo";
import type { ExtraField, ModelCapabilities } from "./types";

/** Fill/expand `steps`: 15–50, default 50. */
export const FILL_STEPS = range(15, 50, 50);
/** Fill/expand `guidance`: 1.5–100, default 60. */
export const FILL_GUIDANCE = range(1.5, 100, 60);
/** Expand margins (`top`, `bottom`, `left`, `right`): 0–2048 px, default 0. */
export const EXPAND_MARGIN = range(0, 2048, 0);

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
