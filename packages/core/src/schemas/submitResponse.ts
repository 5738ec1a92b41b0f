import * as z from "zod/mini";
import { customCheck, nonEmptyString as nonEmpty } from "../models/fields";
import { safeParseWith, unwrapOrThrow, type ParseResult } from "./parseResponse";

const nullableNumber = () => z.optional(z.nullable(z.number()));
const usage = () => ({ cost: nullableNumber(), input_mp: nullableNumber(), output_mp: nullableNumber() });

/** [OAS] `AsyncResponse`: the usual submit answer. Extra keys are kept. */
export const asyncResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({ id: nonEmpty(), polling_url: nonEmpty(), ...usage() }))();
export type AsyncResponse = z.output<typeof asyncResponseSchema>;

/** [OAS] `AsyncWebhookResponse`: the documented answer to a submit with `webhook_url` (no `polling_url`). */
export const asyncWebhookResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({ id: nonEmpty(), status: z.string(), webhook_url: z.string(), ...usage() }))();
export type AsyncWebhookResponse = z.output<typeof asyncWebhookResponseSchema>;

/**
 * Either submit shape: `id` plus `polling_url` or `webhook_url` (both tolerated together); numbers may be null
 * or absent; extra keys are kept.
 */
export const submitResponseSchema = z
  .looseObject({
    id: nonEmpty(),
    polling_url: z.optional(z.nullable(nonEmpty())),
    status: z.optional(z.nullable(z.string())),
    webhook_url: z.optional(z.nullable(z.string())),
    ...usage(),
  })
  .check(
    customCheck((v, ctx) => {
      if (v.polling_url || v.webhook_url) return;
      ctx.issues.push({
        code: "custom",
        path: ["polling_url"],
        input: v,
        message: "Field required (neither polling_url nor webhook_url was given)",
        continue: true, // as `z.refine` reports it
      });
    }),
  );

/** A submit response, normalised to camelCase. */
export interface SubmitResponse {
  /** Task id (a UUID at BFL). */
  id: string;
  /** Where to poll, verbatim (often another cluster host). Absent on the webhook-shaped answer. */
  pollingUrl?: string;
  /** Credits charged; `null` when BFL did not say (older models). */
  cost: number | null;
  /** Input megapixels; `null` when BFL did not say. */
  inputMp: number | null;
  /** Output megapixels; `null` when BFL did not say. */
  outputMp: number | null;
  /** Present on the webhook-shaped answer. */
  webhookUrl?: string;
  /** Present on the webhook-shaped answer (e.g. `"Pending"`). */
  status?: string;
}

function normalize(v: z.output<typeof submitResponseSchema>): SubmitResponse {
  const out: SubmitResponse = {
    id: v.id,
    cost: v.cost ?? null,
    inputMp: v.input_mp ?? null,
    outputMp: v.output_mp ?? null,
  };
  if (v.polling_url) out.pollingUrl = v.polling_url;
  if (v.webhook_url) out.webhookUrl = v.webhook_url;
  if (typeof v.status === "string") out.status = v.status;
  return out;
}

/** Parses a submit (`POST /v1/{model}`) 200 body without throwing. */
export function safeParseSubmitResponse(json: unknown): ParseResult<SubmitResponse> {
  return safeParseWith(submitResponseSchema, json, normalize);
}

/**
 * Parses a submit (`POST /v1/{model}`) 200 body.
 * @throws FluxError with `code: "bad_response"` (and the body) when it is not a BFL submit response.
 * @example parseSubmitResponse({ id: "t1", polling_url: "https://api.eu2.bfl.ai/v1/get_result?id=t1", cost: 3 })
 *   // { id: "t1", pollingUrl: "https://…", cost: 3, inputMp: null, outputMp: null }
 */
export function parseSubmitResponse(json: unknown): SubmitResponse {
  return unwrapOrThrow(safeParseSubmitResponse(json), "submit response", json);
}
