import { getModel, modelIds, validateInput } from "@flux-kit/core";
import { fastApiValidationBody } from "@flux-kit/core/internal";
import type { ValidateResult } from "../options";

// Everything the proxy takes from @flux-kit/core, in one place: BFL's hosts, regions and statuses, and the
// model catalogue.
export {
  REGIONS,
  KNOWN_STATUSES,
  statusOutcome,
  IMAGE_ROUTE_PATH,
  MODELS_ROUTE_PATH,
  imageRouteUrl,
  modelsRouteBody,
  isBflApiUrl,
  isBflDeliveryUrl,
  isRegion,
  timingSafeEqual,
  endpointTasks,
  normalizeProgress,
} from "@flux-kit/core/internal";

/** Every model id in core's catalogue: the default `allowedModels`. */
export function defaultModelIds(): string[] {
  return [...modelIds];
}

/**
 * Whether BFL's schema for `model` takes `webhook_url` / `webhook_secret` (not FLUX 3 Image's or outpainting's
 * strict ones). A model outside the catalogue is not assumed to: its tasks are polled.
 */
export function takesWebhooks(model: string): boolean {
  const definition = getModel(model);
  return definition !== undefined && definition.capabilities.webhooks !== false;
}

const PASS: ValidateResult = Object.freeze({ success: true });

/**
 * Core's per-model schema check, answering with the 422 body BFL itself sends. Models outside the catalogue
 * pass (BFL answers for them).
 */
export function defaultValidate(model: string, input: unknown): ValidateResult {
  const definition = getModel(model);
  if (!definition) return PASS;
  const result = validateInput(definition, input);
  if (result.success) return PASS;
  return { success: false, issues: result.issues, body: fastApiValidationBody(result.issues) };
}
