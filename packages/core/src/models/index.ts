export type * from "./types";
export {
  flux2Flex,
  flux2Klein4b,
  flux2Klein9b,
  flux2Klein9bPreview,
  flux2Max,
  flux2Pro,
  flux2ProPreview,
} from "./flux2";
export { fluxKontextMax, fluxKontextPro, KONTEXT_ASPECT } from "./kontext";
export { fluxPro11, fluxPro11Ultra, ULTRA_ASPECT } from "./fluxPro11";
export { fluxPro10Expand, fluxPro10Fill } from "./fluxPro10";
export { fluxDev } from "./fluxDev";
export {
  getModel,
  isModelId,
  modelIds,
  models,
  type ModelId,
  type ModelInput,
  type ModelInputs,
  type ModelOutput,
} from "./catalogue";
export { defineModel } from "./defineModel";
export { FLUX2_DEFAULT_SIDE, FLUX2_MAX_PIXELS } from "./flux2Schema";
export { MAX_IMAGE_BYTES, OUTPUT_FORMATS, base64Bytes } from "./fields";
export { parseAspectRatio } from "./aspectRatio";
export { toInputIssue, type InputIssue } from "./toInputIssue";
export { validateInput, validateModelInput, type InputValidation } from "./validateInput";
export { fastApiValidationBody, locToPath, toFieldErrors } from "./fieldErrors";
