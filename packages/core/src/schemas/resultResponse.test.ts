import { describe, expect, it } from "vitest";
import { FluxError } from "../errors/FluxError";
import { parseResultResponse, safeParseResultResponse } from "./resultResponse";
import { KNOWN_STATUSES } from "./taskStatus";

const SAMPLE =
  "https://bfldeliveryprodeu4.blob.core.windows.net/results/2025/11/27/d7_sample.jpeg?se=2025-11-27T14%3A41%3A06Z&sig=x";

describe("parseResultResponse", () => {
  it("reads the captured Ready body", () => {
    const body = {
      id: "38b4e501",
      status: "Ready",
      result: {
        start_time: 1764253858.8486362,
        prompt: "an upsampled prompt",
        seed: 1601288383,
        sample: SAMPLE,
      },
      progress: null,
      details: null,
      preview: null,
    };
    expect(parseResultResponse(body)).toEqual({ ...body, result: body.result, cost: null });
  });

  it("keeps end_time, duration and extra result keys", () => {
    const r = parseResultResponse({
      id: "t",
      status: "Ready",
      result: { sample: SAMPLE, end_time: 2, duration: 1.639, pre_filtered: false },
    });
    expect(r.result).toEqual({ sample: SAMPLE, end_time: 2, duration: 1.639, pre_filtered: false });
  });

  it("fails a Ready body without result.sample", () => {
    expect(safeParseResultResponse({ id: "t", status: "Ready", result: null })).toEqual({
      success: false,
      error: "result: Input should be a valid dictionary",
    });
    expect(safeParseResultResponse({ id: "t", status: "Ready", result: { seed: 1 } })).toEqual({
      success: false,
      error: "result.sample: Field required",
    });
    expect(() => parseResultResponse({ status: "Pending" })).toThrow(FluxError);
  });

  it.each(KNOWN_STATUSES.filter((s) => s !== "Ready"))(
    "reads status %s with null or absent fields",
    (status) => {
      expect(parseResultResponse({ id: "t", status, result: null })).toEqual({
        id: "t",
        status,
        result: null,
        progress: null,
        details: null,
        preview: null,
        cost: null,
      });
    },
  );

  it("reads the settled cost a Ready body carries at the top level (FLUX.1, Kontext)", () => {
    const settled = { id: "t", status: "Ready", result: { sample: SAMPLE }, cost: 4 };
    expect(parseResultResponse(settled).cost).toBe(4);
    expect(parseResultResponse({ ...settled, cost: null }).cost).toBeNull();
    expect(safeParseResultResponse({ ...settled, cost: "4" })).toEqual({
      success: false,
      error: "cost: Input should be a valid number",
    });
  });

  it("canonicalises the spelling of known statuses and keeps unknown ones", () => {
    expect(parseResultResponse({ id: "t", status: "content moderated" }).status).toBe("Content Moderated");
    expect(parseResultResponse({ id: "t", status: "Generating", progress: 40 })).toMatchObject({
      status: "Generating",
      progress: 40,
    });
  });

  it("reads details as an object or a string, and stringifies other shapes", () => {
    const moderated = {
      id: "t",
      status: "Content Moderated",
      result: null,
      details: { "Moderation Reasons": ["Sexual Content"] },
    };
    expect(parseResultResponse(moderated).details).toEqual({ "Moderation Reasons": ["Sexual Content"] });
    expect(
      parseResultResponse({ id: "t", status: "Request Moderated", details: "Flagged prompt" }).details,
    ).toBe("Flagged prompt");
    expect(parseResultResponse({ id: "t", status: "Error", details: ["a", 1] }).details).toBe('["a",1]');
  });

  it("keeps an object preview and tolerates extra top-level keys", () => {
    const r = parseResultResponse({
      id: "t",
      status: "Pending",
      preview: { sample: "p" },
      cost: 3,
      state: "x",
    });
    expect(r.preview).toEqual({ sample: "p" });
  });

  it("rejects a body with a non-string status", () => {
    expect(safeParseResultResponse({ id: "t", status: 200 })).toEqual({
      success: false,
      error: "status: Input should be a valid string",
    });
  });
});
