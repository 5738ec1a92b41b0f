import type { FirstLoadLabels, FluxLabels, LazyLabel } from "./labels";

const seconds = (s: number) => `${s} s`;

/** The English defaults of the {@link LazyLabel}s: in the chunks of the parts that show them, not the first load. */
export const lazyLabels: Pick<FluxLabels, LazyLabel> = {
  promptRequired: "Describe the image you want.",
  fixedSeed: "Fixed seed",
  newSeed: "New seed",
  safetyHint: "0 is the strictest",
  ruleMultipleOf: (field, step) => `${field} must be a multiple of ${step}.`,
  ruleRange: (field, min, max) => `${field} must be between ${min} and ${max}.`,
  ruleWhole: (field) => `${field} must be a whole number.`,
  ruleMaxPixels: (mp) => `Width × height can be at most ${mp} megapixels.`,
  ruleAspectFormat: "Write the ratio as width:height, e.g. 16:9.",
  ruleAspectRange: (tallest, widest) => `The ratio must be between ${tallest} and ${widest}.`,
  imageAlt: (prompt) => (prompt ? `Generated image: ${prompt}` : "Generated image"),
  copySeed: "Copy seed",
  seedCopied: "Seed copied",
  openFullSize: "Open full size",
  metaModel: "Model",
  metaSeed: "Seed",
  metaSize: "Size",
  metaCost: "Cost",
  metaDuration: "Duration",
  expiresIn: (s) => `Link expires in ${s >= 60 ? `${Math.ceil(s / 60)} min` : seconds(s)}`,
  moderatedRequest: "The prompt or an input image was flagged before generation started.",
  moderatedContent: "The generated image was flagged and cannot be shown.",
  moderatedAdvice: "Rephrase the prompt, remove sensitive details, or use a different input image.",
  uncertainHowToCheck:
    "No task id came back to look up: check the usage page of your BFL dashboard, or your webhook, before generating again.",
  checkForTask: "Check for the image",
  generateAnyway: "Generate anyway",
  changePrompt: "Change the prompt",
  cancelledMessage: "The image may still be generated and billed: the service cannot cancel a started task.",
  timedOutMessage: "The image may still finish. Keep waiting, or generate again.",
  keepWaiting: "Keep waiting",
  expiredMessage: "Result links last 10 minutes. Generate the image again to get a new one.",
  generateAgain: "Generate again",
  editImage: "Edit this image",
  fullScreen: "Full screen",
  lightbox: "Image viewer",
  position: (i, n) => `${i} of ${n}`,
  previousImage: "Previous",
  nextImage: "Next",
  zoomIn: "Zoom in",
  zoomOut: "Zoom out",
  copyImage: "Copy image",
  copyPrompt: "Copy prompt",
  imageCopied: "Image copied",
  promptCopied: "Prompt copied",
  copyFailed: "Could not copy: the browser refused.",
  closeViewer: "Close",
  compare: "Compare with original",
  beforeAfter: "Original shown",
};

/** Every label: the first load's, with the defaults only parts loaded on demand need under them. */
export function withLazyLabels<T extends FirstLoadLabels>(labels: T): T & FluxLabels {
  return { ...lazyLabels, ...labels };
}
