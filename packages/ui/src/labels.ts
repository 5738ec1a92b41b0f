/**
 * Every string the components show or announce. Pass a partial object as `labels` to translate or reword:
 * missing keys fall back to these English defaults.
 * @example <FluxStudio labels={{ submit: "Générer", prompt: "Description" }} />
 */
export interface FluxLabels {
  // PromptForm
  prompt: string;
  promptPlaceholder: string;
  promptRequired: string;
  characters: (count: number) => string;
  model: string;
  size: string;
  aspectRatio: string;
  customSize: string;
  /** The size preset that sends no size, so the output takes the reference image's shape. */
  matchInput: string;
  matchInputHint: string;
  width: string;
  height: string;
  seed: string;
  fixedSeed: string;
  newSeed: string;
  randomSeed: string;
  outputFormat: string;
  safetyTolerance: string;
  safetyHint: string;
  advanced: string;
  steps: string;
  guidance: string;
  promptUpsampling: string;
  referenceImages: (max: number) => string;
  dropImages: string;
  pickImages: string;
  imageUrl: string;
  addImageUrl: string;
  removeImage: (name: string) => string;
  imageTooLarge: (mb: string) => string;
  imageTooManyPixels: (mp: string) => string;
  imageNotAnImage: string;
  imageLimitReached: (max: number) => string;
  imageRequired: string;
  invalidUrl: string;
  submit: string;
  submitting: string;
  submitHint: string;
  formHasErrors: (count: number) => string;
  /** The rules a field error states, in words, and the size a size error offers. */
  ruleMultipleOf: (field: string, step: number) => string;
  ruleRange: (field: string, min: number, max: number) => string;
  ruleWhole: (field: string) => string;
  ruleMaxPixels: (megapixels: number) => string;
  ruleAspectFormat: string;
  ruleAspectRange: (tallest: string, widest: string) => string;
  /** The rules of a custom size, shown before they are broken. */
  sizeRules: (step: number, min: number, max: number, megapixels: number | undefined) => string;
  useSize: (width: number, height: number) => string;
  /** The choice of 1, 2 or 4 megapixels at the current ratio, and one of its options ("2 MP"). */
  megapixels: string;
  megapixelCount: (megapixels: number) => string;
  swapSides: string;
  /** A toggle: while on, editing one side of a custom size changes the other to keep the ratio. */
  lockRatio: string;
  /** Said after a model switch that removed reference images or set settings back to the new model's defaults. */
  droppedOnSwitch: (model: string, images: number, reset: readonly string[]) => string;
  // FLUX 3 Image's fields (their own chunk)
  /** The `auto` aspect ratio's option. @default "Auto" */
  aspectAuto: string;
  /** What `auto` does, given how many reference images there are. */
  aspectAutoHint: (images: number) => string;
  resolution: string;
  /** A resolution tier's size and price, e.g. `"1 MP · ≈ 4.8 credits"`. */
  tierDetail: (megapixels: number, credits: number | undefined) => string;
  /** Opens the layout editor (boxes drawn on the frame, written into the prompt). @default "Draw a layout" */
  drawLayout: string;
  /** The layout editor's heading. @default "Layout" */
  layout: string;
  /** The editor's two modes: a new image's layout, or edits over image 1. */
  layoutNew: string;
  layoutEdit: string;
  /** Warns that the layout has problems that BFL would refuse or ignore. */
  layoutHasErrors: (n: number) => string;
  /** Beside Generate: what the request will cost, e.g. `"≈ 4.8 credits"`. */
  costEstimate: (credits: number) => string;
  /** A finished image whose prompt BFL rewrote: the prompt it rendered. @default "What FLUX rendered" */
  renderedPrompt: string;
  /** Puts the rendered prompt into the form. @default "Use this prompt" */
  useRenderedPrompt: string;
  // ResultViewer
  idle: string;
  submittingStatus: string;
  pendingStatus: string;
  /** FLUX 3's first stage: it plans the image (and may research the prompt) before drawing. @default "Reasoning…" */
  reasoningStatus: string;
  /** FLUX 3's second stage. @default "Generating…" */
  generatingStatus: string;
  progress: string;
  elapsed: (seconds: number) => string;
  /** The model's typical run, beside the elapsed time. @default "usually about 1 min 30 s" */
  typicalRun: (seconds: number) => string;
  /** Said, calmly, once a run is well past its typical time (1.5 times it): it is still running. */
  slowRun: string;
  cancel: string;
  readyStatus: string;
  imageAlt: (prompt: string) => string;
  download: string;
  copySeed: string;
  seedCopied: string;
  openFullSize: string;
  metaModel: string;
  metaSeed: string;
  metaSize: string;
  metaCost: string;
  metaDuration: string;
  expiresIn: (seconds: number) => string;
  moderatedTitle: string;
  moderatedRequest: string;
  moderatedContent: string;
  moderatedReasons: string;
  moderatedAdvice: string;
  failedTitle: string;
  creditsMessage: string;
  /** BFL refused the server's API key (a 401/403 without a proxy code). */
  authMessage: string;
  /** The proxy's `authorize` says the user is not signed in (`unauthenticated`). */
  unauthenticatedMessage: string;
  /** `authorize` refused a signed-in user (`forbidden`). */
  forbiddenMessage: string;
  /** The model is not in the proxy's `allowedModels` (`model_not_enabled`). */
  modelNotEnabledMessage: string;
  /** The page's origin is not in the proxy's `allowedOrigins` (`origin_not_allowed`). */
  originNotAllowedMessage: string;
  /** The proxy is not set up, e.g. no `BFL_API_KEY` (`misconfigured`). */
  misconfiguredMessage: string;
  /** BFL's limit of active tasks for the whole account. */
  rateLimitMessage: (seconds: number | undefined) => string;
  /** The proxy's limit of active tasks for this user (`client_limit`). */
  clientLimitMessage: (seconds: number | undefined) => string;
  validationMessage: string;
  serverMessage: string;
  networkMessage: string;
  uncertainMessage: string;
  /** Where to check when an uncertain submit left no task id to look up. */
  uncertainHowToCheck: string;
  /** Looks the uncertain submit's task up (when its id is known) instead of submitting again. */
  checkForTask: string;
  /** Submits again after an uncertain submit: the action that may pay twice. */
  generateAnyway: string;
  /** After moderation: back to the form to change the prompt or the images. */
  changePrompt: string;
  generationFailedMessage: string;
  tryAgain: string;
  cancelledTitle: string;
  cancelledMessage: string;
  timedOutTitle: string;
  timedOutMessage: string;
  keepWaiting: string;
  expiredTitle: string;
  expiredMessage: string;
  generateAgain: string;
  /** Generates a variation of a finished image: the same request, a new seed. */
  vary: string;
  /** Makes a finished image the form's reference, to edit it. */
  editImage: string;
  /** When the finished image could not be read back to edit it (its link lapsed, the network failed). */
  editFailed: string;
  /** How many images one Generate makes (each its own task, with its own seed). */
  imageCount: string;
  /** While a submit waits for a free slot (the proxy's limit for this person, or BFL's). */
  waitingStatus: string;
  /**
   * How many of the person's images run meanwhile; nothing is billed while it waits. `scope` says whose limit was
   * hit: `"account"` when the whole service is at its cap (the person's own images may not be why).
   */
  waitingMessage: (running: number, scope?: "client" | "account" | "local") => string;
  /** Ends a wait for a slot (free: no task exists yet). */
  cancelWaiting: string;
  // FluxStudio
  /** The job tray's list of generations running or waiting for a slot. */
  jobs: string;
  /** The job tray as a whole (a region): what is running, and what ended without an image. */
  jobsRegion: string;
  /** The job tray's list of generations that ended without an image (failed, refused, cancelled, timed out). */
  jobsEnded: string;
  dismissJob: (prompt: string) => string;
  history: string;
  historyEmpty: string;
  reopen: (prompt: string) => string;
  rerun: string;
  /** Filters the history by prompt. */
  searchHistory: string;
  noMatch: (query: string) => string;
  /** Loads an image's prompt, model and settings back into the form. */
  useAgain: string;
  deleteImage: (prompt: string) => string;
  // the lightbox and the before/after comparison (loaded on demand)
  /** Opens the image full screen. */
  fullScreen: string;
  /** The full-screen viewer's name. */
  lightbox: string;
  /** "3 of 8" */
  position: (index: number, count: number) => string;
  previousImage: string;
  nextImage: string;
  zoomIn: string;
  zoomOut: string;
  copyImage: string;
  copyPrompt: string;
  imageCopied: string;
  promptCopied: string;
  copyFailed: string;
  closeViewer: string;
  /** Shows an edit over the image it started from, with a slider between them. */
  compare: string;
  /** The slider's name: how much of the image the edit started from shows. */
  beforeAfter: string;
  // the mask painter (loaded on demand, for models that take a mask)
  paintMask: string;
  editMask: string;
  removeMask: string;
  maskHint: string;
  maskPreview: string;
  /** The painting surface's name, with how to paint from the keyboard. */
  maskCanvas: string;
  /** Where the brush is, in percent of the image, and whether it paints as it moves. */
  maskBrushAt: (x: number, y: number, painting: boolean) => string;
  brushSize: string;
  clearMask: string;
  maskDone: string;
  /** A model that needs a mask (erase) has none. */
  maskRequired: string;
}

const seconds = (s: number) => `${s} s`;
/** Seconds as people read a run's length: `42 s`, `1 min 30 s`. */
const clock = (s: number) =>
  s < 60 ? seconds(s) : `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ""}`;

/** A request field as a person names it (`safety_tolerance` → "safety tolerance"). */
const settingName = (field: string) => field.replace(/_/g, " ");

/** The English defaults. */
/** The English defaults of the strings the first load shows; the others load with the parts that show them. */
const baseLabels: Omit<FluxLabels, LazyLabel> = {
  prompt: "Prompt",
  promptPlaceholder: "A red fox in fresh snow, morning light, 35 mm photo",
  characters: (n) => (n === 1 ? "1 character" : `${n} characters`),
  model: "Model",
  size: "Size",
  aspectRatio: "Aspect ratio",
  customSize: "Custom",
  matchInput: "Match input",
  matchInputHint: "Same shape as the first reference image",
  width: "Width",
  height: "Height",
  seed: "Seed",
  randomSeed: "Random each time",
  outputFormat: "Output format",
  safetyTolerance: "Safety tolerance",
  advanced: "Advanced settings",
  steps: "Steps",
  guidance: "Guidance",
  promptUpsampling: "Improve the prompt automatically",
  referenceImages: (max) => `Reference images (up to ${max})`,
  dropImages: "Drop, paste or pick images",
  pickImages: "Choose files…",
  imageUrl: "Image URL",
  addImageUrl: "Add",
  removeImage: (name) => `Remove ${name}`,
  imageTooLarge: (mb) => `This image is ${mb} MB; at most 20 MB is accepted. Compress or resize it.`,
  imageTooManyPixels: (mp) => `This image is ${mp} megapixels; at most 20 MP is accepted. Resize it.`,
  imageNotAnImage: "This file is not an image.",
  imageLimitReached: (max) => `This model takes at most ${max} image${max === 1 ? "" : "s"}.`,
  imageRequired: "This model needs an input image.",
  invalidUrl: "Enter an http(s) URL.",
  submit: "Generate",
  submitting: "Generating…",
  submitHint: "Ctrl+Enter or ⌘+Enter to generate",
  formHasErrors: (n) => (n === 1 ? "Fix 1 field before generating." : `Fix ${n} fields before generating.`),
  sizeRules: (step, min, max, mp) =>
    `Multiples of ${step}, ${min}–${max} px a side${mp === undefined ? "" : `, at most ${mp} megapixels`}.`,
  useSize: (w, h) => `Use ${w} × ${h}`,
  megapixels: "Megapixels",
  megapixelCount: (mp) => `${mp} MP`,
  swapSides: "Swap width and height",
  lockRatio: "Lock aspect ratio",
  droppedOnSwitch: (model, images, reset) =>
    [
      images > 0
        ? `${model} takes fewer reference images: ${images === 1 ? "1 was" : `${images} were`} removed.`
        : "",
      reset.length > 0 ? `Set back to ${model}'s defaults: ${reset.map(settingName).join(", ")}.` : "",
    ]
      .filter(Boolean)
      .join(" "),
  idle: "Your image will appear here.",
  submittingStatus: "Sending your request…",
  pendingStatus: "Generating your image…",
  reasoningStatus: "Reasoning…",
  generatingStatus: "Generating…",
  progress: "Progress",
  elapsed: (s) => `${clock(s)} elapsed`,
  typicalRun: (s) => `usually about ${clock(s)}`,
  slowRun: "Taking longer than usual. It is still running, and you can keep waiting.",
  cancel: "Stop waiting",
  readyStatus: "Your image is ready.",
  download: "Download",
  moderatedTitle: "This image was blocked by moderation",
  moderatedReasons: "Reasons",
  failedTitle: "The image could not be generated",
  tryAgain: "Try again",
  cancelledTitle: "Stopped waiting",
  timedOutTitle: "This is taking longer than expected",
  expiredTitle: "This image has expired",
  vary: "Vary",
  imageCount: "Images",
  waitingStatus: "Waiting for a free slot…",
  waitingMessage: (n, scope) =>
    `${scope === "account" || n === 0 ? "The image service is busy" : n === 1 ? "1 of your images is being generated" : `${n} of your images are being generated`}; this one starts when a slot frees up. Nothing is billed while it waits.`,
  cancelWaiting: "Cancel",
  jobs: "In progress",
  dismissJob: (prompt) => `Dismiss: ${prompt || "untitled"}`,
  history: "Your images",
  historyEmpty: "Images you generate appear here, and stay in this browser.",
  reopen: (prompt) => `Show image: ${prompt || "untitled"}`,
  rerun: "Re-run with same seed",
  searchHistory: "Search your images",
  noMatch: (q) => `No image matches “${q}”.`,
  useAgain: "Use again",
  deleteImage: (prompt) => `Delete: ${prompt || "untitled"}`,
};

/** What went wrong, one message per kind of failure (`failureMessage` picks one). */
export type FailureLabel =
  | "creditsMessage"
  | "authMessage"
  | "unauthenticatedMessage"
  | "forbiddenMessage"
  | "modelNotEnabledMessage"
  | "originNotAllowedMessage"
  | "misconfiguredMessage"
  | "rateLimitMessage"
  | "clientLimitMessage"
  | "validationMessage"
  | "serverMessage"
  | "networkMessage"
  | "uncertainMessage"
  | "generationFailedMessage";

/**
 * The strings only parts loaded on demand show (the finished image's view, the failure views, the Advanced fields,
 * the checks' wording): their English defaults are in `lazyLabels.ts`, loaded with those parts.
 */
export type LazyLabel =
  | FailureLabel
  | "aspectAuto"
  | "aspectAutoHint"
  | "resolution"
  | "tierDetail"
  | "drawLayout"
  | "layout"
  | "layoutNew"
  | "layoutEdit"
  | "layoutHasErrors"
  | "costEstimate"
  | "renderedPrompt"
  | "useRenderedPrompt"
  | "promptRequired"
  | "ruleMultipleOf"
  | "ruleRange"
  | "ruleWhole"
  | "ruleMaxPixels"
  | "ruleAspectFormat"
  | "ruleAspectRange"
  | "fixedSeed"
  | "newSeed"
  | "safetyHint"
  | "imageAlt"
  | "copySeed"
  | "seedCopied"
  | "openFullSize"
  | "metaModel"
  | "metaSeed"
  | "metaSize"
  | "metaCost"
  | "metaDuration"
  | "expiresIn"
  | "editImage"
  | "editFailed"
  | "generateAgain"
  | "moderatedRequest"
  | "moderatedContent"
  | "moderatedAdvice"
  | "uncertainHowToCheck"
  | "checkForTask"
  | "generateAnyway"
  | "changePrompt"
  | "cancelledMessage"
  | "timedOutMessage"
  | "keepWaiting"
  | "expiredMessage"
  | "fullScreen"
  | "lightbox"
  | "position"
  | "previousImage"
  | "nextImage"
  | "zoomIn"
  | "zoomOut"
  | "copyImage"
  | "copyPrompt"
  | "imageCopied"
  | "promptCopied"
  | "copyFailed"
  | "closeViewer"
  | "compare"
  | "beforeAfter"
  | "paintMask"
  | "editMask"
  | "removeMask"
  | "maskHint"
  | "maskPreview"
  | "maskCanvas"
  | "maskBrushAt"
  | "brushSize"
  | "clearMask"
  | "maskDone"
  | "maskRequired"
  | "jobsRegion"
  | "jobsEnded";

/** The labels as the first load has them: every override, and the defaults of all but the {@link LazyLabel}s. */
export type FirstLoadLabels = Omit<FluxLabels, LazyLabel> & Partial<Pick<FluxLabels, LazyLabel>>;

/** Merges overrides over the first load's defaults (a part loaded on demand adds its own with `withLazyLabels`). */
export function firstLoadLabels(overrides: Partial<FluxLabels> | undefined): FirstLoadLabels {
  return overrides ? { ...baseLabels, ...overrides } : baseLabels;
}

/** A running task's title: FLUX 3's stage (`reasoningStatus`, `generatingStatus`), else `pendingStatus`. */
export function stageTitle(stage: string | undefined, labels: FirstLoadLabels): string {
  return stage === "reasoning"
    ? labels.reasoningStatus
    : stage === "generating"
      ? labels.generatingStatus
      : labels.pendingStatus;
}
