// BFL's 422 body as zod schemas, in a module of their own: the client reads error bodies without zod
// (errorBodies.ts), and a bundler that keeps a module's imports whole (Turbopack) would otherwise bring zod into
// every app that imports the client.
import * as z from "zod/mini";

/** One item of FastAPI's 422 `detail` array (`ValidationError` in [OAS]); `input`/`ctx` and extras kept. */
export const validationErrorItemSchema = /* @__PURE__ */ (() =>
  z.looseObject({ loc: z.array(z.union([z.string(), z.number()])), msg: z.string(), type: z.string() }))();
export type ValidationErrorItem = z.output<typeof validationErrorItemSchema>;

/** [OAS] `HTTPValidationError`: the 422 body, `{ detail: [{ loc, msg, type }] }`. */
export const httpValidationErrorSchema = /* @__PURE__ */ (() =>
  z.looseObject({ detail: z.array(validationErrorItemSchema) }))();
export type HTTPValidationError = z.output<typeof httpValidationErrorSchema>;
