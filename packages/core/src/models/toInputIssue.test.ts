import { describe, expect, it } from "vitest";
import type * as z from "zod/mini";
import { toInputIssue } from "./toInputIssue";

const issue = (i: Record<string, unknown>) =>
  toInputIssue({ path: ["f"], message: "Invalid input", ...i } as z.core.$ZodIssue);

describe("toInputIssue", () => {
  it("maps exclusive bounds to greater_than / less_than", () => {
    expect(issue({ code: "too_small", origin: "number", minimum: 0, inclusive: false, input: 0 })).toEqual({
      loc: ["body", "f"],
      type: "greater_than",
      msg: "Input should be greater than 0",
      input: 0,
      ctx: { gt: 0 },
    });
    expect(
      issue({ code: "too_big", origin: "number", maximum: 1, inclusive: false, input: 1 }),
    ).toMatchObject({
      type: "less_than",
      msg: "Input should be less than 1",
      ctx: { lt: 1 },
    });
  });

  it("maps string lengths, literals and other formats", () => {
    expect(issue({ code: "too_big", origin: "string", maximum: 1, input: "ab" })).toMatchObject({
      type: "string_too_long",
      msg: "String should have at most 1 character",
    });
    expect(issue({ code: "invalid_value", values: ["Ready"], input: "x" })).toMatchObject({
      type: "literal_error",
      msg: "Input should be 'Ready'",
    });
    expect(issue({ code: "invalid_format", format: "regex", input: "x" })).toMatchObject({
      type: "string_pattern_mismatch",
    });
  });

  it("keeps nested paths and numeric indexes after 'body'", () => {
    expect(
      toInputIssue({
        code: "invalid_type",
        expected: "string",
        path: ["a", 2],
        message: "",
        input: 1,
      }).loc,
    ).toEqual(["body", "a", 2]);
  });

  it("falls back to a value_error for codes pydantic has no twin for", () => {
    expect(issue({ code: "invalid_union", errors: [], input: 1, message: "Invalid input" })).toMatchObject({
      type: "value_error",
      msg: "Value error, Invalid input",
    });
  });
});
