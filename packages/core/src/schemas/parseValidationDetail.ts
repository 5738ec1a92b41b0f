import type { FluxFieldError } from "../errors/FluxError";
import { locToPath } from "../models/fieldErrors";
import { jsonObject as record } from "../bfl/json";

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

function fromItem(item: unknown): FluxFieldError | undefined {
  const r = record(item);
  if (!r) return typeof item === "string" ? { path: "", message: item, type: "value_error" } : undefined;
  const loc = r["loc"];
  const path = Array.isArray(loc) ? locToPath(loc as unknown[]) : (str(r["field"]) ?? str(r["path"]) ?? "");
  const message = str(r["msg"]) ?? str(r["message"]);
  return message === undefined ? undefined : { path, message, type: str(r["type"]) ?? "value_error" };
}

/** The skill's `details`: `{field: "msg" | ["msg"…]}` or an array of `{field, message}`. */
function fromSkillDetails(details: unknown, type: string): FluxFieldError[] {
  if (Array.isArray(details)) return details.flatMap((d) => fromItem(d) ?? []);
  const r = record(details);
  if (!r) return [];
  return Object.entries(r).flatMap(([path, value]) => {
    const messages = Array.isArray(value) ? value : [value];
    return messages.flatMap((m) => (typeof m === "string" ? [{ path, message: m, type }] : []));
  });
}

/**
 * Field errors from a real 422 (or 400) body: FastAPI's `{detail: [{loc, msg, type}]}` (the leading `"body"`
 * dropped from paths), a string `detail` (one error with an empty path), or the skill's
 * `{error, message, details}`. Unrecognised bodies give `[]`.
 * @example parseValidationDetail({ detail: [{ loc: ["body", "steps"], msg: "Input should be less than or equal to 50", type: "less_than_equal" }] })
 *   // [{ path: "steps", message: "Input should be less than or equal to 50", type: "less_than_equal" }]
 */
export function parseValidationDetail(body: unknown): FluxFieldError[] {
  if (typeof body === "string")
    return body.trim() ? [{ path: "", message: body.trim(), type: "detail" }] : [];
  const r = record(body);
  if (!r) return [];
  const detail = r["detail"];
  if (Array.isArray(detail)) return detail.flatMap((d) => fromItem(d) ?? []);
  if (typeof detail === "string") return [{ path: "", message: detail, type: "detail" }];
  if (record(detail)) return parseValidationDetail(detail);
  const type = str(r["error"]) ?? "validation_error";
  const fields = fromSkillDetails(r["details"], type);
  if (fields.length) return fields;
  const message = str(r["message"]) ?? str(r["error"]);
  return message === undefined ? [] : [{ path: "", message, type }];
}
