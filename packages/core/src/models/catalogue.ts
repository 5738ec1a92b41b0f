import {
  flux2Flex,
  flux2Klein4b,
  flux2Klein9b,
  flux2Klein9bPreview,
  flux2Max,
  flux2Pro,
  flux2ProPreview,
} from "./flux2";
import { flux3Image } from "./flux3Image";
import { fluxDev } from "./fluxDev";
import { fluxPro10Expand, fluxPro10Fill } from "./fluxPro10";
import { fluxPro11, fluxPro11Ultra } from "./fluxPro11";
import {
  fluxToolsDeblur,
  fluxToolsErase,
  fluxToolsOutpainting,
  fluxToolsVtoV1,
  fluxToolsVtoV2,
} from "./fluxTools";
import { fluxKontextMax, fluxKontextPro } from "./kontext";
import { isModelId, type ModelId } from "./modelInfos";
import type { InputOf, OutputOf } from "./schema";
import type { ModelDefinition } from "./types";

export { isModelId, modelIds, type ModelId } from "./modelInfos";

/**
 * Every BFL image endpoint flux-kit knows, by id (the path after `/v1/`: `flux-tools/erase-v1` has a slash).
 * Finetune variants and video endpoints are not included. Import a single model (`flux2Pro`) instead when bundle size matters: this record pulls in all.
 * @example models["flux-2-pro"].capabilities.size
 */
export const models = {
  "flux-3-image": flux3Image,
  "flux-2-pro": flux2Pro,
  "flux-2-pro-preview": flux2ProPreview,
  "flux-2-max": flux2Max,
  "flux-2-flex": flux2Flex,
  "flux-2-klein-4b": flux2Klein4b,
  "flux-2-klein-9b": flux2Klein9b,
  "flux-2-klein-9b-preview": flux2Klein9bPreview,
  "flux-kontext-pro": fluxKontextPro,
  "flux-kontext-max": fluxKontextMax,
  "flux-pro-1.1": fluxPro11,
  "flux-pro-1.1-ultra": fluxPro11Ultra,
  "flux-pro-1.0-fill": fluxPro10Fill,
  "flux-pro-1.0-expand": fluxPro10Expand,
  "flux-dev": fluxDev,
  "flux-tools/erase-v1": fluxToolsErase,
  "flux-tools/outpainting-v1": fluxToolsOutpainting,
  "flux-tools/vto-v1": fluxToolsVtoV1,
  "flux-tools/vto-v2": fluxToolsVtoV2,
  "flux-tools/deblur-v1": fluxToolsDeblur,
} as const satisfies { readonly [Id in ModelId]: ModelDefinition<Id> };

/**
 * The definition of a model by id, with its schema, or `undefined` for an unknown id. This reaches every model's
 * schema; `getModelInfo` does not.
 */
export function getModel<Id extends ModelId>(id: Id): (typeof models)[Id];
export function getModel(id: string): ModelDefinition | undefined;
export function getModel(id: string): ModelDefinition | undefined {
  return isModelId(id) ? models[id] : undefined;
}

/** Request body each model accepts (before defaults), by id. */
export type ModelInputs = { [Id in ModelId]: InputOf<(typeof models)[Id]["input"]> };

/** Request body of one model, as a caller writes it: optional fields may be omitted. */
export type ModelInput<Id extends ModelId> = ModelInputs[Id];

/** Parsed request body of one model, with defaults applied (what `validateInput` returns). */
export type ModelOutput<Id extends ModelId> = OutputOf<(typeof models)[Id]["input"]>;
