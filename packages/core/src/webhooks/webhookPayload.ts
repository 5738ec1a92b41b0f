import * as z from "zod/mini";

/* @__NO_SIDE_EFFECTS__ */
const nonEmpty = () => z.string().check(z.minLength(1, "expected a non-empty string"));

/**
 * Fields both payload shapes may carry. Their types drift between sources, so they are read leniently
 * (`unknown`) and normalised by `parseWebhookEvent`; only the task id and status are required.
 */
/* @__NO_SIDE_EFFECTS__ */
const common = () => ({
  status: nonEmpty(),
  result: z.optional(z.unknown()),
  error: z.optional(z.unknown()),
  message: z.optional(z.unknown()),
  details: z.optional(z.unknown()),
  progress: z.optional(z.unknown()),
  timestamp: z.optional(z.unknown()),
});

/**
 * zod/mini schema of the field-observed payload: `{ task_id, status: "SUCCESS" | "FAILED" | …, result, error?,
 * progress? }`. Loose: extra fields pass through.
 * @example
 * fieldWebhookPayloadSchema.safeParse(JSON.parse(body)).success
 */
export const fieldWebhookPayloadSchema = /* @__PURE__ */ (() =>
  z.looseObject({ task_id: nonEmpty(), ...common() }))();

/**
 * zod/mini schema of BFL's skill payload (also fits `ResultResponse`): `{ id, status: "Ready" | "Error" | …,
 * result, timestamp }`. Loose: extra fields pass through.
 * @example
 * skillWebhookPayloadSchema.safeParse(JSON.parse(body)).success
 */
export const skillWebhookPayloadSchema = /* @__PURE__ */ (() =>
  z.looseObject({ id: nonEmpty(), ...common() }))();

/** `result` of a successful task: `sample` is required, the rest is read when well-typed. */
export const webhookResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    sample: z.string().check(z.minLength(1)),
    seed: z.optional(z.unknown()),
    prompt: z.optional(z.unknown()),
    start_time: z.optional(z.unknown()),
    end_time: z.optional(z.unknown()),
    duration: z.optional(z.unknown()),
  }))();

/** The field-observed payload as validated (optional fields typed `unknown`). */
export type FieldWebhookPayload = z.infer<typeof fieldWebhookPayloadSchema>;
/** The skill payload as validated (optional fields typed `unknown`). */
export type SkillWebhookPayload = z.infer<typeof skillWebhookPayloadSchema>;
