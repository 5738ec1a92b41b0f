import { parseArgs } from "node:util";
import type { ApiKeyFormat } from "./apiKeyFormat";
import type { StartMockServerOptions } from "./startMockServer";

export const USAGE = `flux-mock: a local simulator of the BFL FLUX API

Usage: flux-mock [--port 4010] [--host 127.0.0.1] [--delivery-port <port+1>] [--polling-port <n>]
                 [--speed 1] [--seed <n>] [--key mock-key] [--credits 10000]
                 [--key-format <regex>|any] [--strict-content-type] [--lenient-polling]
                 [--retention <seconds>] [--report-cost bfl|flux-2|all|none] [--error-poll-status 200]

  --key-format <regex>   keys failing it get 422 "Invalid API key format" (well-formed unknown keys: 403).
                         Default: 1-128 of A-Z a-z 0-9 . _ -, not 64 hex digits. "any" turns the check off.
  --strict-content-type  FastAPI >= 0.132: a body without Content-Type is 422 (default: parsed as JSON, as
                         FastAPI < 0.132). text/plain and form bodies are 422 either way.
  --lenient-polling      answer polls on any origin. By default, with --polling-port, a poll that reaches
                         another host gets HTTP 404, as BFL's regional clusters answer.
  --retention <seconds>  how long finished tasks are kept before polls say "Task not found" (default 3600).
  --report-cost <where>  where prices are reported: "bfl" (default) puts FLUX.1-era and Kontext prices on
                         the Ready poll as BFL does since 2026; "flux-2", "all" or "none" on submits.
  --error-poll-status <n> the HTTP status of a poll on a failed task (default 200; BFL was seen answering 422
                         with the task body, which clients must read as a failure, not a bad request).
  --speed <n>            divides every generation time: FLUX 3 Image (about 90 s) takes about 3 s at 30.

Environment: PORT, HOST, FLUX_MOCK_SPEED, FLUX_MOCK_SEED, FLUX_MOCK_KEY, FLUX_MOCK_KEY_FORMAT,
             FLUX_MOCK_STRICT_CONTENT_TYPE=1.`;

type ReportCost = NonNullable<StartMockServerOptions["reportCost"]>;
const REPORT_COST: readonly ReportCost[] = ["bfl", "flux-2", "all", "none"];

/** What the command line asks for: the server's options and the key it prints, or help, or a usage error. */
export type CliArgs =
  | { readonly kind: "serve"; readonly key: string; readonly options: StartMockServerOptions }
  | { readonly kind: "help" }
  | { readonly kind: "error"; readonly message: string };

/**
 * Reads `flux-mock`'s flags and environment into `startMockServer` options (see {@link USAGE}).
 * @example parseCliArgs(["--port", "0", "--strict-content-type"], {}) // { kind: "serve", options: { port: 0, … } }
 */
export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "delivery-port": { type: "string" },
        "polling-port": { type: "string" },
        speed: { type: "string" },
        seed: { type: "string" },
        key: { type: "string" },
        credits: { type: "string" },
        "key-format": { type: "string" },
        "strict-content-type": { type: "boolean" },
        "lenient-polling": { type: "boolean" },
        retention: { type: "string" },
        "error-poll-status": { type: "string" },
        "report-cost": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    return { kind: "error", message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { kind: "help" };

  const problems: string[] = [];
  const num = (value: string | undefined, name: string): number | undefined => {
    if (value === undefined || value === "") return undefined;
    const n = Number(value);
    if (Number.isFinite(n) && n >= 0) return n;
    problems.push(`--${name} must be a non-negative number, got "${value}".`);
    return undefined;
  };

  const port = num(values.port ?? env["PORT"], "port") ?? 4010;
  const deliveryPort = num(values["delivery-port"], "delivery-port") ?? (port === 0 ? 0 : port + 1);
  const pollingPort = num(values["polling-port"], "polling-port");
  const seed = num(values.seed ?? env["FLUX_MOCK_SEED"], "seed");
  const speed = num(values.speed ?? env["FLUX_MOCK_SPEED"], "speed");
  const credits = num(values.credits, "credits");
  const retention = num(values.retention, "retention");
  const errorPollStatus = num(values["error-poll-status"], "error-poll-status");
  const keyFormat = readKeyFormat(values["key-format"] ?? env["FLUX_MOCK_KEY_FORMAT"], problems);
  const reportCost = values["report-cost"];
  if (reportCost !== undefined && !REPORT_COST.includes(reportCost as ReportCost)) {
    problems.push(`--report-cost must be one of ${REPORT_COST.join(", ")}, got "${reportCost}".`);
  }
  if (problems.length > 0) return { kind: "error", message: problems.join("\n") };

  const key = values.key ?? env["FLUX_MOCK_KEY"] ?? "mock-key";
  const strictContentType =
    values["strict-content-type"] === true || env["FLUX_MOCK_STRICT_CONTENT_TYPE"] === "1";
  return {
    kind: "serve",
    key,
    options: {
      port,
      host: values.host ?? env["HOST"] ?? "127.0.0.1",
      deliveryPort,
      apiKeys: [key],
      ...(pollingPort !== undefined && { pollingPort }),
      ...(seed !== undefined && { seed }),
      ...(speed !== undefined && { speed }),
      ...(credits !== undefined && { credits }),
      ...(retention !== undefined && { retentionMs: retention * 1000 }),
      ...(errorPollStatus !== undefined && { errorPollStatus }),
      ...(keyFormat !== undefined && { apiKeyFormat: keyFormat }),
      ...(strictContentType && { strictContentType: true }),
      ...(reportCost !== undefined && { reportCost: reportCost as ReportCost }),
      ...(values["lenient-polling"] === true && { strictPollingOrigin: false }),
    },
  };
}

/** `--key-format`: `any` (no check) or a pattern the whole key must match. */
function readKeyFormat(value: string | undefined, problems: string[]): ApiKeyFormat | undefined {
  if (value === undefined || value === "") return undefined;
  if (value === "any") return false;
  try {
    return new RegExp(`^(?:${value})$`);
  } catch {
    problems.push(`--key-format must be a regular expression or "any", got "${value}".`);
    return undefined;
  }
}
