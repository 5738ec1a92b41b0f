import { pythonJsonError } from "./pythonJsonError";
import { validationError } from "./responses";

/** A submit body as FastAPI's request handler reads it, before any dependency (the `x-key` check) runs. */
export type RequestBody =
  /** Parsed JSON (an `application/json` or `+json` type, or no type unless strict). */
  | { readonly kind: "json"; readonly value: unknown }
  /** Kept as bytes: a non-JSON `Content-Type` (or none, when strict); the model check then fails. */
  | { readonly kind: "bytes"; readonly text: string }
  /** No body at all: the model check reports it missing. */
  | { readonly kind: "empty" };

/**
 * Reads a request body the way FastAPI's `get_request_handler` does (docs/bfl-api.md Part II §10): JSON is parsed
 * only for an `application/json` / `application/*+json` type, or when there is no `Content-Type` and
 * `strictContentType` is off (FastAPI < 0.132); anything else stays bytes. Malformed JSON answers 422
 * `json_invalid` at `["body", <pos>]` here, so before auth.
 * @example await readJsonBody(request, false) // { kind: "json", value: { prompt: "a fox" } }
 */
export async function readJsonBody(
  request: Request,
  strictContentType: boolean,
): Promise<RequestBody | Response> {
  const text = await request.text();
  if (text === "") return { kind: "empty" };
  const type = request.headers.get("content-type");
  if (type === null || type.trim() === "" ? strictContentType : !isJsonType(type)) {
    return { kind: "bytes", text };
  }
  try {
    return { kind: "json", value: JSON.parse(text) };
  } catch {
    const { msg, pos } = pythonJsonError(text) ?? { msg: "Expecting value", pos: 0 };
    return validationError([
      { type: "json_invalid", loc: ["body", pos], msg: "JSON decode error", input: {}, ctx: { error: msg } },
    ]);
  }
}

/** `application/json`, `application/<x>+json`, with any parameters (what Python's `email.message` reads). */
function isJsonType(type: string): boolean {
  const [mime = ""] = type.toLowerCase().split(";");
  const [main, sub = ""] = mime.trim().split("/");
  return main === "application" && (sub === "json" || sub.endsWith("+json"));
}

/**
 * FastAPI's 422 for a body the model cannot read: none at all (`missing`), or bytes instead of a JSON object
 * (`model_attributes_type`, as pydantic v2 words it).
 */
export function unreadableBody(body: Exclude<RequestBody, { kind: "json" }>): Response {
  if (body.kind === "empty") {
    return validationError([{ type: "missing", loc: ["body"], msg: "Field required", input: null }]);
  }
  return validationError([
    {
      type: "model_attributes_type",
      loc: ["body"],
      msg: "Input should be a valid dictionary or object to extract fields from",
      input: body.text,
    },
  ]);
}
