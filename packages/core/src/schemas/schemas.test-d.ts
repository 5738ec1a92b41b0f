import { describe, expectTypeOf, it } from "vitest";
import type { FluxFieldError } from "../errors/FluxError";
import {
  isTerminalStatus,
  parseResultResponse,
  parseSubmitResponse,
  parseValidationDetail,
  safeParseSubmitResponse,
  type KnownTaskStatus,
  type ResultSample,
  type SubmitResponse,
  type TaskStatus,
} from "./index";

describe("response types", () => {
  it("normalises submit responses", () => {
    const r = parseSubmitResponse({});
    expectTypeOf(r).toEqualTypeOf<SubmitResponse>();
    expectTypeOf(r.pollingUrl).toEqualTypeOf<string | undefined>();
    expectTypeOf(r.cost).toEqualTypeOf<number | null>();
    const safe = safeParseSubmitResponse({});
    if (!safe.success) expectTypeOf(safe.error).toEqualTypeOf<string>();
  });

  it("types result bodies and statuses", () => {
    const r = parseResultResponse({});
    expectTypeOf(r.result).toEqualTypeOf<ResultSample | null>();
    expectTypeOf(r.progress).toEqualTypeOf<number | null>();
    expectTypeOf<KnownTaskStatus>().toExtend<TaskStatus>();
    expectTypeOf<"Generating">().toExtend<TaskStatus>();
    expectTypeOf(isTerminalStatus).parameter(0).toEqualTypeOf<string>();
    if (r.result) expectTypeOf(r.result.sample).toEqualTypeOf<string>();
  });

  it("gives FluxFieldErrors from 422 bodies", () => {
    expectTypeOf(parseValidationDetail).returns.toEqualTypeOf<FluxFieldError[]>();
  });
});
