import * as z from "zod/mini";
import { safeParseWith, unwrapOrThrow, type ParseResult } from "./parseResponse";

/** [OAS] `CreditsResponse` of `GET /v1/credits`: `{ credits: number }`; extra keys kept. */
export const creditsResponseSchema = /* @__PURE__ */ (() => z.looseObject({ credits: z.number() }))();
export type CreditsResponse = z.output<typeof creditsResponseSchema>;

/** Parses a `/v1/credits` body without throwing. */
export function safeParseCreditsResponse(json: unknown): ParseResult<CreditsResponse> {
  return safeParseWith(creditsResponseSchema, json, (v) => v);
}

/**
 * Parses a `/v1/credits` body.
 * @throws FluxError with `code: "bad_response"` when `credits` is not a number.
 * @example parseCreditsResponse({ credits: 12.5 }).credits // 12.5
 */
export function parseCreditsResponse(json: unknown): CreditsResponse {
  return unwrapOrThrow(safeParseCreditsResponse(json), "credits response", json);
}
