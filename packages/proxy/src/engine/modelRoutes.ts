import { defaultModelIds } from "./coreBridge";
import { FluxProxyConfigError } from "./FluxProxyConfigError";

/** A model a submit path may name, as decided when the proxy is created. */
export interface ModelRoute {
  /** The model id, as allowlisted (or as core's catalogue spells it), e.g. `"flux-tools/erase-v1"`. */
  readonly id: string;
  /** Whether `allowedModels` enables it; a catalogue model that it leaves out is answered 403. */
  readonly enabled: boolean;
  /** `{upstream}/v1/{id}`: built here from the id, never from a request's path. */
  readonly upstreamUrl: string;
}

/** The submit route of one model, made once so routing a request allocates nothing. */
export interface SubmitRoute {
  readonly kind: "submit";
  readonly model: ModelRoute;
}

/** Submit routes by the exact path after `basePath` (`/v1/{id}`). */
export type ModelRoutes = ReadonlyMap<string, SubmitRoute>;

const SEGMENT = "[a-z0-9][a-z0-9._-]{0,63}";
/**
 * A model id: one to four lower-case segments joined by single slashes (`flux-2-pro`, `flux-tools/erase-v1`).
 * No segment can be empty, `.` or `..`, and nothing percent-encoded, so no id is a path a URL parser would
 * rewrite, and none can climb out of `/v1/`.
 */
const MODEL_ID = new RegExp(`^${SEGMENT}(?:/${SEGMENT}){0,3}$`);
/** Paths under `/v1/` that are the proxy's own routes or BFL's account endpoints, never a model. */
const RESERVED = new Set([
  "get_result",
  "image",
  "models",
  "webhook",
  "credits",
  "finetune",
  "my_finetunes",
  "finetune_details",
  "delete_finetune",
]);

/**
 * The submit routes of a proxy: every id of `allowed` (default: core's catalogue) enabled, and the rest of the
 * catalogue present but disabled (403 `model_not_enabled` rather than 404). A request path reaches a model only
 * when it equals `/v1/{id}` exactly: there is no pattern, decoding or normalising in between.
 * @throws FluxProxyConfigError for an entry of `allowed` that is not a model id.
 * @example modelRoutes(["flux-tools/erase-v1"], "https://api.bfl.ai").get("/v1/flux-tools/erase-v1")
 */
export function modelRoutes(allowed: readonly string[] | undefined, upstreamOrigin: string): ModelRoutes {
  const routes = new Map<string, SubmitRoute>();
  const add = (id: string, enabled: boolean) => {
    const model: ModelRoute = { id, enabled, upstreamUrl: `${upstreamOrigin}/v1/${id}` };
    routes.set(`/v1/${id}`, { kind: "submit", model });
  };
  const enabled = allowed ?? defaultModelIds();
  for (const id of enabled) add(checkedId(id), true);
  for (const id of defaultModelIds()) if (!routes.has(`/v1/${id}`)) add(id, false);
  return routes;
}

function checkedId(id: unknown): string {
  if (typeof id === "string" && MODEL_ID.test(id) && !id.includes("..") && !RESERVED.has(id)) return id;
  const shown = typeof id === "string" ? `"${id}"` : String(id);
  throw new FluxProxyConfigError(
    `\`allowedModels\` entry ${shown} is not a model id: lower-case letters, digits, ".", "_" and "-", in ` +
      `up to four segments joined by single "/" (e.g. "flux-2-pro", "flux-tools/erase-v1").` +
      (typeof id === "string" && RESERVED.has(id) ? ` "${id}" is not a model endpoint.` : ""),
  );
}
