import { unwrapOrThrow } from "./parseResponse";
import { looseObject, nonEmpty, nullish, number, parseShape, string, type ParseResult } from "./shape";

/** Usage figures BFL reports with a submit: null or absent when it did not say. */
interface Usage {
  cost?: number | null | undefined;
  input_mp?: number | null | undefined;
  output_mp?: number | null | undefined;
  [key: string]: unknown;
}

/** [OAS] `AsyncResponse`: the usual submit answer. Extra keys are kept. */
export interface AsyncResponse extends Usage {
  id: string;
  polling_url: string;
}

/** [OAS] `AsyncWebhookResponse`: the documented answer to a submit with `webhook_url` (no `polling_url`). */
export interface AsyncWebhookResponse extends Usage {
  id: string;
  status: string;
  webhook_url: string;
}

/** Either submit shape, as BFL sends it. */
interface RawSubmitResponse extends Usage {
  id: string;
  polling_url?: string | null | undefined;
  status?: string | null | undefined;
  webhook_url?: string | null | undefined;
}

/**
 * Either submit shape: `id` plus `polling_url` or `webhook_url` (both tolerated together); numbers may be null
 * or absent; extra keys are kept.
 */
const submitResponse = looseObject<RawSubmitResponse>({
  id: nonEmpty,
  polling_url: nullish(nonEmpty),
  status: nullish(string),
  webhook_url: nullish(string),
  cost: nullish(number),
  input_mp: nullish(number),
  output_mp: nullish(number),
});

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

function normalize(v: RawSubmitResponse): SubmitResponse {
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
  return parseShape(submitResponse, json, normalize, (v, issues) => {
    if (!v.polling_url && !v.webhook_url)
      issues.push({
        path: ["polling_url"],
        msg: "Field required (neither polling_url nor webhook_url was given)",
      });
  });
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
