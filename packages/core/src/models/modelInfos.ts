import {
  flux2FlexInfo,
  flux2Klein4bInfo,
  flux2Klein9bInfo,
  flux2Klein9bPreviewInfo,
  flux2MaxInfo,
  flux2ProInfo,
  flux2ProPreviewInfo,
} from "./flux2Info";
import { flux3ImageInfo } from "./flux3ImageInfo";
import { fluxDevInfo } from "./fluxDevInfo";
import { fluxPro10ExpandInfo, fluxPro10FillInfo } from "./fluxPro10Info";
import { fluxPro11Info, fluxPro11UltraInfo } from "./fluxPro11Info";
import {
  fluxToolsDeblurInfo,
  fluxToolsEraseInfo,
  fluxToolsOutpaintingInfo,
  fluxToolsVtoV1Info,
  fluxToolsVtoV2Info,
} from "./fluxToolsInfo";
import { fluxKontextMaxInfo, fluxKontextProInfo } from "./kontextInfo";
import type { ModelInfo } from "./types";

/**
 * The catalogue without its schemas: what a model picker or a form needs (labels, capabilities, caps, typical
 * runs), with no schema behind it, so a UI can show every model and load the checks on demand. Same ids and order
 * as `models` (a test pins it).
 */
const modelInfos = {
  "flux-3-image": flux3ImageInfo,
  "flux-2-pro": flux2ProInfo,
  "flux-2-pro-preview": flux2ProPreviewInfo,
  "flux-2-max": flux2MaxInfo,
  "flux-2-flex": flux2FlexInfo,
  "flux-2-klein-4b": flux2Klein4bInfo,
  "flux-2-klein-9b": flux2Klein9bInfo,
  "flux-2-klein-9b-preview": flux2Klein9bPreviewInfo,
  "flux-kontext-pro": fluxKontextProInfo,
  "flux-kontext-max": fluxKontextMaxInfo,
  "flux-pro-1.1": fluxPro11Info,
  "flux-pro-1.1-ultra": fluxPro11UltraInfo,
  "flux-pro-1.0-fill": fluxPro10FillInfo,
  "flux-pro-1.0-expand": fluxPro10ExpandInfo,
  "flux-dev": fluxDevInfo,
  "flux-tools/erase-v1": fluxToolsEraseInfo,
  "flux-tools/outpainting-v1": fluxToolsOutpaintingInfo,
  "flux-tools/vto-v1": fluxToolsVtoV1Info,
  "flux-tools/vto-v2": fluxToolsVtoV2Info,
  "flux-tools/deblur-v1": fluxToolsDeblurInfo,
} as const;

/** Literal union of every model id, e.g. `"flux-2-pro"`, `"flux-tools/erase-v1"`. */
export type ModelId = keyof typeof modelInfos;

/** Every model id, in catalogue order. */
export const modelIds = /* @__PURE__ */ Object.keys(modelInfos) as readonly ModelId[];

/** Whether `value` is a known model id (own keys only: `"toString"` is not a model). */
export function isModelId(value: unknown): value is ModelId {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(modelInfos, value);
}

/**
 * A model's info by id (label, family, capabilities, caps, typical run), without its schema: a model picker or a
 * form generated from capabilities needs no schema. `getModel` gives the definition with its schema.
 * @example getModelInfo("flux-2-pro").capabilities.size.kind // "dimensions"
 */
export function getModelInfo<Id extends ModelId>(id: Id): ModelInfo<Id>;
export function getModelInfo(id: string): ModelInfo | undefined;
export function getModelInfo(id: string): ModelInfo | undefined {
  return isModelId(id) ? modelInfos[id] : undefined;
}
