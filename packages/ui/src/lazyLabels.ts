import type { FirstLoadLabels, FluxLabels, LazyLabel } from "./labels";

const seconds = (s: number) => `${s} s`;

/** The English defaults of the {@link LazyLabel}s: in the chunks of the parts that show them, not the first load. */
export const lazyLabels: Pick<FluxLabels, LazyLabel> = {
  // what went wrong, said by the failure views (their own chunk) and, through them, the viewer's live region
  creditsMessage: "The account is out of credits. Top up the BFL account, then try again.",
  authMessage:
    "The server could not authenticate with the image service. Ask the site's owner to check the API key.",
  unauthenticatedMessage: "Sign in to generate images.",
  forbiddenMessage: "Your account is not allowed to generate images here.",
  modelNotEnabledMessage: "This model is not enabled on this server. Choose another model.",
  originNotAllowedMessage:
    "This site is not allowed to use the image service. The site's owner must add its origin to allowedOrigins.",
  misconfiguredMessage:
    "The image service is not set up on this server. Ask the site's owner to configure it.",
  rateLimitMessage: (s) =>
    s === undefined
      ? "Too many images are being generated at once. Wait a moment, then try again."
      : `Too many images are being generated at once. You can try again in ${seconds(s)}.`,
  clientLimitMessage: (s) =>
    `You have too many images in progress. ${s === undefined ? "Wait for one to finish" : `Try again in ${seconds(s)}`}.`,
  validationMessage: "Some settings were rejected. Fix them and try again:",
  serverMessage: "The image service had a problem. Try again in a moment.",
  networkMessage: "The connection failed. Check your network and try again.",
  uncertainMessage:
    "The request may have reached the service and may be billed. Check before generating again to avoid paying twice.",
  generationFailedMessage: "The service could not generate this image. Try again, or change the prompt.",
  jobsRegion: "Jobs",
  jobsEnded: "Ended without an image",
  aspectAuto: "Auto",
  aspectAutoHint: (images) =>
    images > 0
      ? "Auto keeps image 1's framing, unless the prompt asks for a ratio."
      : "Auto follows a ratio the prompt asks for, else square.",
  resolution: "Resolution",
  tierDetail: (mp, credits) => `${mp} MP${credits === undefined ? "" : ` · ≈ ${credits} credits`}`,
  drawLayout: "Draw a layout",
  layout: "Layout",
  layoutNew: "New image",
  layoutEdit: "Edit image 1",
  layoutHasErrors: (n) => (n === 1 ? "The layout has 1 problem." : `The layout has ${n} problems.`),
  costEstimate: (credits) => `≈ ${credits} credits`,
  renderedPrompt: "What FLUX rendered",
  useRenderedPrompt: "Use this prompt",
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
  editFailed:
    "This image could not be loaded to edit it. Download it, then add it to the form as a reference.",
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
  paintMask: "Paint a mask",
  editMask: "Edit the mask",
  removeMask: "Remove the mask",
  maskHint: "Paint over what should change; the rest of the image stays as it is.",
  maskPreview: "The mask: white where the image changes",
  maskCanvas: "Mask. Arrow keys move the brush, Shift for larger steps, Space starts or stops painting.",
  maskBrushAt: (x, y, painting) => `Brush at ${x} % across, ${y} % down${painting ? ", painting" : ""}`,
  brushSize: "Brush size",
  clearMask: "Clear",
  maskDone: "Done",
  maskRequired: "Paint a mask over what should go.",
};

/** Every label: the first load's, with the defaults only parts loaded on demand need under them. */
export function withLazyLabels<T extends FirstLoadLabels>(labels: T): T & FluxLabels {
  return { ...lazyLabels, ...labels };
}
