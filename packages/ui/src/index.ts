"use client";
export { PromptForm, type PromptFormProps } from "./PromptForm";
export { ResultViewer, downloadHref, type ResultViewerProps } from "./ResultViewer";
export { FluxStudio, type FluxStudioProps } from "./FluxStudio";
export { HistoryList, type HistoryEntry, type HistoryListProps } from "./HistoryList";
export { JobList, type JobListItem, type JobListProps } from "./JobList";
export { ImageInput, type ImageInputProps } from "./ImageInput";
export {
  ReferenceChips,
  type ReferenceChange,
  type ReferenceChipsLabels,
  type ReferenceChipsProps,
} from "./ReferenceChips";
export { failureMessage } from "./problemText";
export { defaultLabels, resolveLabels } from "./defaultLabels";
export type { FailureLabel, FluxLabels } from "./labels";
export {
  buildInput,
  valueForModel,
  type PromptFormRequest,
  type PromptFormValue,
  type ReferenceImage,
} from "./formValue";
export type { GenerationStatus, GenerationView } from "./generationView";
export { ASPECT_PRESETS, presetsFor, sizeForRatio } from "./sizePresets";
export { FORM_MODELS } from "./formModels";
export { MAX_IMAGE_PIXELS, imageDimensions } from "@flux-kit/core/internal";
