import type { Route } from "./route";
import type { EngineContext } from "./context";
import { refuse } from "./responses";
import type { IncomingMeta, PlainResponse } from "./types";

/** Who the caller is after `authorize`: refused (with the answer), or allowed with an optional client id. */
export type AuthOutcome =
  | { readonly ok: false; readonly response: PlainResponse }
  | { readonly ok: true; readonly clientId?: string };

export const OPEN: AuthOutcome = { ok: true };

const SIGNED_OUT = "Sign in to generate images: this service needs a signed-in user.";
const NOT_ALLOWED = "You are not allowed to use this image service.";

/**
 * Runs the `authorize` hook. Only `true` and `{ allow: true }` allow; `false` is a 401 (`unauthenticated`),
 * `{ allow: false }` a 401 or 403 with its own `detail`, and anything else (a truthy string, `null`, an object
 * without `allow: true`) refuses with 403 and a warning, never lets the caller through.
 */
export async function authorizeRequest(
  ctx: EngineContext,
  meta: IncomingMeta,
  route: Exclude<Route["kind"], "not_found">,
): Promise<AuthOutcome> {
  const hook = ctx.config.options.authorize;
  if (!hook) return OPEN;
  let result: unknown;
  try {
    result = await hook(meta.toRequest(), { clientAddress: meta.clientAddress });
  } catch (error) {
    ctx.reportError({ error, kind: "hook", route });
    return { ok: false, response: refuse("hook_failed", "The proxy's authorize hook failed.") };
  }
  if (result === true) return OPEN;
  if (result === false) return refused(ctx, "unauthenticated", SIGNED_OUT);
  if (result !== null && typeof result === "object") {
    const { allow, clientId, status, detail } = result as Record<string, unknown>;
    if (allow === true) {
      if (clientId === undefined) return OPEN;
      if (typeof clientId === "string" && clientId !== "") return { ok: true, clientId };
      if (typeof clientId === "number" && Number.isFinite(clientId)) {
        return { ok: true, clientId: String(clientId) };
      }
      ctx.logOnce("warn", "authorize_client_id", {
        message: "authorize returned a clientId that is not a non-empty string; the request was refused.",
      });
      return { ok: false, response: refuse("hook_failed", "The proxy's authorize hook failed.") };
    }
    if (allow === false) {
      const said = typeof detail === "string" && detail.trim() !== "" ? detail : undefined;
      return status === 401
        ? refused(ctx, "unauthenticated", said ?? SIGNED_OUT)
        : refused(ctx, "forbidden", said ?? NOT_ALLOWED);
    }
  }
  ctx.logOnce("warn", "authorize_result", {
    message:
      "authorize returned a value that is neither true, false nor { allow }; it was treated as a refusal.",
  });
  return refused(ctx, "forbidden", NOT_ALLOWED);
}

function refused(ctx: EngineContext, code: "unauthenticated" | "forbidden", message: string): AuthOutcome {
  const response = refuse(code, message);
  ctx.log("info", "refused", { reason: "auth", status: response.status });
  return { ok: false, response };
}
