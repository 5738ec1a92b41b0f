import { describe, expect, it } from "vitest";
import { parseCliArgs, USAGE } from "./parseCliArgs";

const serve = (argv: string[], env: Record<string, string> = {}) => {
  const args = parseCliArgs(argv, env);
  if (args.kind !== "serve") throw new Error(`not serve: ${JSON.stringify(args)}`);
  return args.options;
};

describe("flux-mock flags", () => {
  it("keeps today's defaults with no flags", () => {
    expect(serve([])).toEqual({ port: 4010, host: "127.0.0.1", deliveryPort: 4011, apiKeys: ["mock-key"] });
  });

  it("reads --key-format as a whole-key pattern, or any for no check", () => {
    const format = serve(["--key-format", "bfl_[a-z]+"]).apiKeyFormat;
    expect(format).toBeInstanceOf(RegExp);
    expect((format as RegExp).test("bfl_abc")).toBe(true);
    expect((format as RegExp).test("xbfl_abc")).toBe(false);
    expect(serve(["--key-format", "any"]).apiKeyFormat).toBe(false);
    expect(serve([], { FLUX_MOCK_KEY_FORMAT: "any" }).apiKeyFormat).toBe(false);
    expect(parseCliArgs(["--key-format", "(("], {})).toMatchObject({ kind: "error" });
  });

  it("turns on FastAPI's strict Content-Type, lenient polling and a retention", () => {
    expect(serve(["--strict-content-type"]).strictContentType).toBe(true);
    expect(serve([], { FLUX_MOCK_STRICT_CONTENT_TYPE: "1" }).strictContentType).toBe(true);
    expect(serve(["--lenient-polling"]).strictPollingOrigin).toBe(false);
    expect(serve(["--retention", "120"]).retentionMs).toBe(120_000);
    expect(serve(["--report-cost", "all"]).reportCost).toBe("all");
    expect(serve(["--error-poll-status", "422"]).errorPollStatus).toBe(422);
    expect(parseCliArgs(["--report-cost", "some"], {})).toMatchObject({ kind: "error" });
  });

  it("reports bad numbers and unknown flags as usage errors, and documents every flag", () => {
    expect(parseCliArgs(["--retention", "-1"], {})).toMatchObject({ kind: "error" });
    expect(parseCliArgs(["--nope"], {})).toMatchObject({ kind: "error" });
    expect(parseCliArgs(["-h"], {})).toEqual({ kind: "help" });
    for (const flag of [
      "--error-poll-status",
      "--key-format",
      "--strict-content-type",
      "--lenient-polling",
      "--retention",
      "--report-cost",
    ]) {
      expect(USAGE).toContain(flag);
    }
  });
});
