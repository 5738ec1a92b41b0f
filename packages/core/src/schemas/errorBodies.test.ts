import { describe, expect, it } from "vitest";
import { parseCreditsResponse } from "./creditsResponse";
import { detailMessage, retryAfterFromBody } from "./errorBodies";
import { httpValidationErrorSchema } from "./errorBodySchemas";
import { parseValidationDetail } from "./parseValidationDetail";

const FASTAPI_422 = {
  detail: [
    {
      loc: ["body", "safety_tolerance"],
      msg: "Input should be less than or equal to 5",
      type: "less_than_equal",
      input: 6,
      ctx: { le: 5 },
    },
    { loc: ["body", "prompt"], msg: "Field required", type: "missing" },
  ],
};
const SKILL_400 = {
  error: "validation_error",
  message: "Invalid parameters",
  details: { width: "Must be a multiple of 32" },
};
const SKILL_429 = { error: "rate_limit_exceeded", message: "Too many requests", retry_after: 5 };

describe("detailMessage", () => {
  it("reads every error body shape BFL and the skill show", () => {
    expect(detailMessage({ detail: "Not authenticated - Invalid Authentication" })).toBe(
      "Not authenticated - Invalid Authentication",
    );
    expect(detailMessage(FASTAPI_422)).toBe(
      "safety_tolerance: Input should be less than or equal to 5; prompt: Field required",
    );
    expect(detailMessage({ message: "Insufficient credits" })).toBe("Insufficient credits");
    expect(detailMessage(SKILL_429)).toBe("Too many requests");
    expect(detailMessage({ error: "invalid_api_key" })).toBe("invalid_api_key");
    expect(detailMessage({ detail: { message: "nested" } })).toBe("nested");
    expect(detailMessage("Bad Gateway")).toBe("Bad Gateway");
  });

  it("gives undefined when the body says nothing", () => {
    for (const b of [null, undefined, {}, { detail: [] }, "  ", 42]) expect(detailMessage(b)).toBeUndefined();
  });
});

describe("retryAfterFromBody", () => {
  it("reads the skill's retry_after seconds as ms", () => {
    expect(retryAfterFromBody(SKILL_429)).toBe(5000);
    expect(retryAfterFromBody({ retry_after: "1.5" })).toBe(1500);
    expect(retryAfterFromBody({ detail: { retry_after: 2 } })).toBe(2000);
  });

  it("gives undefined without a usable value", () => {
    for (const b of [{ detail: "Too many" }, { retry_after: -1 }, { retry_after: "soon" }, null]) {
      expect(retryAfterFromBody(b)).toBeUndefined();
    }
  });
});

describe("parseValidationDetail", () => {
  it("reads FastAPI's detail array, dropping 'body' from paths", () => {
    expect(parseValidationDetail(FASTAPI_422)).toEqual([
      {
        path: "safety_tolerance",
        message: "Input should be less than or equal to 5",
        type: "less_than_equal",
      },
      { path: "prompt", message: "Field required", type: "missing" },
    ]);
    expect(
      parseValidationDetail({ detail: [{ loc: ["query", "id"], msg: "Field required", type: "missing" }] }),
    ).toEqual([{ path: "query.id", message: "Field required", type: "missing" }]);
  });

  it("reads a string detail and the skill's shape", () => {
    expect(parseValidationDetail({ detail: "Invalid JSON" })).toEqual([
      { path: "", message: "Invalid JSON", type: "detail" },
    ]);
    expect(parseValidationDetail(SKILL_400)).toEqual([
      { path: "width", message: "Must be a multiple of 32", type: "validation_error" },
    ]);
    expect(parseValidationDetail({ error: "validation_error", message: "Bad prompt" })).toEqual([
      { path: "", message: "Bad prompt", type: "validation_error" },
    ]);
  });

  it("gives [] for unrecognised bodies", () => {
    for (const b of [null, 1, {}, { detail: [{ nothing: true }] }])
      expect(parseValidationDetail(b)).toEqual([]);
  });
});

describe("schemas", () => {
  it("validate HTTPValidationError and CreditsResponse", () => {
    expect(httpValidationErrorSchema.safeParse(FASTAPI_422).success).toBe(true);
    expect(httpValidationErrorSchema.safeParse({ detail: "x" }).success).toBe(false);
    expect(parseCreditsResponse({ credits: 12.5, extra: 1 })).toEqual({ credits: 12.5, extra: 1 });
    expect(parseCreditsResponse({ credits: 0 })).toEqual({ credits: 0 });
    expect(() => parseCreditsResponse({ credits: "12" })).toThrow(/credits: Input should be a valid number/);
  });
});
