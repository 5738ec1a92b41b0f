import { unwrapOrThrow } from "./parseResponse";
import { looseObject, number, parseShape, type ParseResult } from "./shape";

/** [OAS] `CreditsResponse` of `GET /v1/credits`: `{ credits: number }`; extra keys kept. */
export interface CreditsResponse {
  credits: number;
  [key: string]: unknown;
}

const creditsResponse = looseObject<CreditsResponse>({ credits: number });

/** Parses a `/v1/credits` body without throwing. */
export function safeParseCreditsResponse(json: unknown): ParseResult<CreditsResponse> {
  return parseShape(creditsResponse, json, (v) => v);
}

/**
 * Parses a `/v1/credits` body.
 * @throws FluxError with `code: "bad_response"` when `credits` is not a number.
 * @example parseCreditsResponse({ credits: 12.5 }).credits // 12.5
 */
export function parseCreditsResponse(json: unknown): CreditsResponse {
  return unwrapOrThrow(safeParseCreditsResponse(json), "credits response", json);
}
