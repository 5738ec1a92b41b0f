import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FluxError } from "../errors/FluxError";
import {
  FluxAbortError,
  FluxAuthError,
  FluxCreditsError,
  FluxRateLimitError,
  FluxSubmitUncertainError,
  FluxValidationError,
} from "../errors/FluxError";
import { fakeFetch, hang, json, netError, submitted } from "../../test/fakeFetch";
import { flux2Klein4b, flux2Pro } from "../models/flux2";
import { models } from "../models/catalogue";
import { createFluxClient } from "./createFluxClient";

const KEY = "test-key-0123456789abcdef";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("submit", () => {
  it("POSTs the input to /v1/{model} with the key and returns a job handle", async () => {
    const f = fakeFetch(submitted("t1"));
    const client = createFluxClient({ apiKey: KEY, fetch: f.fetch });
    const job = await client.submit("flux-2-pro", { prompt: "a fox", width: 1024, height: 768 });
    expect(f.calls).toHaveLength(1);
    const [call] = f.calls;
    expect(call?.method).toBe("POST");
    expect(call?.url).toBe("https://api.bfl.ai/v1/flux-2-pro");
    expect(call?.headers.get("x-key")).toBe(KEY);
    expect(call?.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(call?.body ?? "")).toEqual({ prompt: "a fox", width: 1024, height: 768 });
    expect(job).toMatchObject({
      id: "t1",
      pollingUrl: "https://api.eu2.bfl.ai/v1/get_result?id=t1",
      model: "flux-2-pro",
      cost: 3,
      inputMp: 0,
      outputMp: 1.05,
    });
    expect(typeof job.submittedAt).toBe("number");
  });

  it("uses the region's host, or baseUrl (with or without /v1)", async () => {
    const f = fakeFetch(submitted());
    await createFluxClient({ region: "eu", fetch: f.fetch }).submit("flux-dev", { prompt: "x" });
    await createFluxClient({ baseUrl: "http://127.0.0.1:4010/v1/", fetch: f.fetch }).submit("flux-dev", {
      prompt: "x",
    });
    await createFluxClient({ baseUrl: "/api/flux", fetch: f.fetch }).submit("flux-dev", { prompt: "x" });
    expect(f.calls.map((c) => c.url)).toEqual([
      "https://api.eu.bfl.ai/v1/flux-dev",
      "http://127.0.0.1:4010/v1/flux-dev",
      "/api/flux/v1/flux-dev",
    ]);
  });

  it("rejects invalid input locally with field errors and makes no request", async () => {
    const f = fakeFetch(submitted());
    const bad = { prompt: "x", width: 1000, safety_tolerance: 9 };
    const expectLocal = (error: unknown) => {
      expect(error).toBeInstanceOf(FluxValidationError);
      const v = error as FluxValidationError;
      expect(v.source).toBe("local");
      expect(Object.keys(v.fields)).toEqual(expect.arrayContaining(["width", "safety_tolerance"]));
    };
    // the definition known by id (`models`: the catalogue or a list), or passed as the model
    for (const known of [models, [flux2Pro]]) {
      const client = createFluxClient({ apiKey: KEY, fetch: f.fetch, models: known });
      expectLocal(await client.submit("flux-2-pro", bad).catch((e: unknown) => e));
    }
    const client = createFluxClient({ apiKey: KEY, fetch: f.fetch });
    expectLocal(await client.submit(flux2Pro, bad).catch((e: unknown) => e));
    expect(f.calls).toHaveLength(0);
  });

  it("leaves the check of a model it has no definition for to the server, whose 422 is the same error", async () => {
    const detail = [{ loc: ["body", "width"], msg: "Input should be a multiple of 16", type: "multiple_of" }];
    const f = fakeFetch(json({ detail }, 422));
    const client = createFluxClient({ apiKey: KEY, fetch: f.fetch, models: [flux2Klein4b] });
    const error = await client.submit("flux-2-pro", { prompt: "x", width: 1000 }).catch((e: unknown) => e);
    expect(f.calls).toHaveLength(1);
    expect(error).toBeInstanceOf(FluxValidationError);
    expect((error as FluxValidationError).source).toBe("server");
    expect((error as FluxValidationError).fields["width"]).toEqual(["Input should be a multiple of 16"]);
  });

  it("keeps BFL's per-model cap for an id without its definition (6 active flux-kontext-max tasks)", async () => {
    const f = fakeFetch(...Array.from({ length: 7 }, (_, i) => submitted(`t${i}`)));
    const client = createFluxClient({ apiKey: KEY, fetch: f.fetch });
    const jobs = Array.from({ length: 7 }, () => client.submit("flux-kontext-max", { prompt: "x" }));
    await Promise.all(jobs.slice(0, 6));
    expect(f.calls).toHaveLength(6);
    expect(client.limiter.activeFor("flux-kontext-max")).toBe(6);
    expect(client.limiter.queued).toBe(1);
  });

  it("refuses an input it cannot send, with no request: none at all (once a GET), a BigInt, a cycle", async () => {
    const cyclic: Record<string, unknown> = { prompt: "x" };
    cyclic["self"] = cyclic;
    for (const input of [undefined, { prompt: "x", seed: 10n }, cyclic]) {
      const f = fakeFetch(submitted());
      // no definition of the model: the body is left to BFL's check
      const error = await createFluxClient({ fetch: f.fetch })
        .submit("flux-2-pro", input as never)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FluxValidationError);
      expect(error).toMatchObject({ source: "local", fieldErrors: [{ path: "", type: "model_type" }] });
      expect(f.calls).toHaveLength(0);
    }
  });

  it("rejects an unknown model id without a request", async () => {
    const f = fakeFetch(submitted());
    const client = createFluxClient({ fetch: f.fetch });
    // @ts-expect-error not a model
    await expect(client.submit("../credits", { prompt: "x" })).rejects.toBeInstanceOf(FluxValidationError);
    expect(f.calls).toHaveLength(0);
  });

  it("accepts a model definition object", async () => {
    const { flux2Klein4b } = await import("../models/flux2");
    const f = fakeFetch(submitted());
    const job = await createFluxClient({ fetch: f.fetch }).submit(flux2Klein4b, { prompt: "x" });
    expect(job.model).toBe("flux-2-klein-4b");
    expect(f.calls[0]?.url).toMatch(/\/v1\/flux-2-klein-4b$/);
  });

  it.each([
    [403, { detail: "Not authenticated - Invalid Authentication" }, FluxAuthError],
    [401, { error: "invalid_api_key" }, FluxAuthError],
    [402, { detail: "Insufficient credits" }, FluxCreditsError],
    [
      422,
      { detail: [{ loc: ["body", "width"], msg: "Input should be a multiple of 16", type: "multiple_of" }] },
      FluxValidationError,
    ],
  ])("maps HTTP %i to its error class without retrying", async (status, body, cls) => {
    const f = fakeFetch(json(body, status));
    const client = createFluxClient({ apiKey: KEY, fetch: f.fetch });
    const error = await client.submit("flux-2-pro", { prompt: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(cls);
    expect((error as FluxError).status).toBe(status);
    expect(f.calls).toHaveLength(1);
  });

  it("maps a 422 body's field errors onto FluxValidationError.fields (source: server)", async () => {
    const f = fakeFetch(
      json(
        {
          detail: [{ loc: ["body", "width"], msg: "Input should be a multiple of 16", type: "multiple_of" }],
        },
        422,
      ),
    );
    const error = (await createFluxClient({ fetch: f.fetch, validate: false })
      .submit("flux-2-pro", { prompt: "x" })
      .catch((e: unknown) => e)) as FluxValidationError;
    expect(error.source).toBe("server");
    expect(error.fields).toEqual({ width: ["Input should be a multiple of 16"] });
  });
});

describe("submit retries only when no task can exist", () => {
  it("retries a 429, honouring Retry-After, then succeeds", async () => {
    const f = fakeFetch(
      json({ detail: "Too many active tasks" }, 429, { "retry-after": "3" }),
      submitted("t2"),
    );
    const client = createFluxClient({ apiKey: KEY, fetch: f.fetch });
    const promise = client.submit("flux-2-pro", { prompt: "x" });
    await vi.advanceTimersByTimeAsync(2_900);
    expect(f.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    await expect(promise).resolves.toMatchObject({ id: "t2" });
    expect(f.calls).toHaveLength(2);
  });

  it("reads the skill's 429 body (retry_after seconds) when there is no Retry-After header", async () => {
    const f = fakeFetch(
      json({ error: "rate_limit_exceeded", message: "Too many requests", retry_after: 2 }, 429),
      submitted("t5"),
    );
    const client = createFluxClient({ fetch: f.fetch });
    const promise = client.submit("flux-2-pro", { prompt: "x" });
    await vi.advanceTimersByTimeAsync(1_900);
    expect(f.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    await expect(promise).resolves.toMatchObject({ id: "t5" });
  });

  it("reads the skill's 400 validation body as field errors", async () => {
    const f = fakeFetch(
      json(
        {
          error: "validation_error",
          message: "Invalid parameters",
          details: { width: "must be a multiple of 16" },
        },
        400,
      ),
    );
    const error = (await createFluxClient({ fetch: f.fetch, validate: false })
      .submit("flux-2-pro", { prompt: "x" })
      .catch((e: unknown) => e)) as FluxValidationError;
    expect(error).toBeInstanceOf(FluxValidationError);
    expect(error.status).toBe(400);
    expect(error.fields).toEqual({ width: ["must be a multiple of 16"] });
    expect(f.calls).toHaveLength(1);
  });

  it("surfaces FluxRateLimitError with retryAfterMs once retries are spent", async () => {
    const f = fakeFetch(json({ detail: "Too many active tasks" }, 429, { "retry-after": "1" }));
    const client = createFluxClient({ fetch: f.fetch, retry: { retries: 2 } });
    const promise = client.submit("flux-2-pro", { prompt: "x" }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await promise;
    expect(error).toBeInstanceOf(FluxRateLimitError);
    expect((error as FluxRateLimitError).retryAfterMs).toBe(1_000);
    expect(f.calls).toHaveLength(3);
  });

  it("retries when the connection was refused (nothing was sent)", async () => {
    const f = fakeFetch(netError("ECONNREFUSED"), submitted("t3"));
    const client = createFluxClient({ fetch: f.fetch });
    const promise = client.submit("flux-2-pro", { prompt: "x" });
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(promise).resolves.toMatchObject({ id: "t3" });
    expect(f.calls).toHaveLength(2);
  });

  it.each([
    ["a 500", json({ detail: "Internal Server Error" }, 500)],
    ["a 503", json({ detail: "Service Unavailable" }, 503)],
    ["a reset after sending", netError("ECONNRESET")],
    ["a socket closed mid-response", netError("UND_ERR_SOCKET")],
    ["a malformed 200", () => new Response("{not json", { status: 200 })],
    ["a 200 without an id", json({ polling_url: "https://api.bfl.ai/v1/get_result?id=x" })],
  ])("never re-submits after %s: FluxSubmitUncertainError, exactly one POST", async (_name, responder) => {
    const f = fakeFetch(responder, submitted("second"));
    const client = createFluxClient({ apiKey: KEY, fetch: f.fetch });
    const promise = client.submit("flux-2-pro", { prompt: "x" }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(60_000);
    const error = await promise;
    expect(error).toBeInstanceOf(FluxSubmitUncertainError);
    expect((error as FluxError).message).toMatch(/may exist/);
    expect((error as FluxError).isRetryable).toBe(false);
    expect(f.calls).toHaveLength(1);
  });

  it.each([
    ["misconfigured", 500, "misconfigured"],
    ["hook_failed", 500, "server"],
    ["unauthenticated", 401, "unauthenticated"],
    ["body_timeout", 408, "timeout"],
  ])(
    "a proxy's own %s refusal (%i) is definite: no task exists, so it is no FluxSubmitUncertainError",
    async (code, status, expected) => {
      const f = fakeFetch(json({ detail: "Refused by the proxy.", code }, status), submitted("second"));
      const client = createFluxClient({ baseUrl: "/api/flux", fetch: f.fetch });
      const promise = client.submit("flux-2-pro", { prompt: "x" }).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(60_000);
      const error = await promise;
      expect(error).not.toBeInstanceOf(FluxSubmitUncertainError);
      expect((error as FluxError).code).toBe(expected);
      expect(f.calls).toHaveLength(1);
    },
  );

  it("a proxy's upstream_timeout (504) stays uncertain: BFL may have created the task", async () => {
    const f = fakeFetch(json({ detail: "BFL did not answer in time.", code: "upstream_timeout" }, 504));
    const promise = createFluxClient({ baseUrl: "/api/flux", fetch: f.fetch })
      .submit("flux-2-pro", { prompt: "x" })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await promise).toBeInstanceOf(FluxSubmitUncertainError);
  });

  it("never re-submits after a request timeout", async () => {
    const f = fakeFetch(hang, submitted("second"));
    const client = createFluxClient({ fetch: f.fetch, timeoutMs: 5_000 });
    const promise = client.submit("flux-2-pro", { prompt: "x" }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5_001);
    const error = await promise;
    expect(error).toBeInstanceOf(FluxSubmitUncertainError);
    expect((error as FluxError).cause).toMatchObject({ code: "timeout" });
    expect(f.calls).toHaveLength(1);
    expect(f.inFlight).toBe(0);
  });

  it("an abort in flight says the task may exist, and cancels the request", async () => {
    const f = fakeFetch(hang);
    const controller = new AbortController();
    const promise = createFluxClient({ fetch: f.fetch })
      .submit("flux-2-pro", { prompt: "x" }, { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    const error = await promise;
    expect(error).toBeInstanceOf(FluxAbortError);
    expect((error as Error).message).toMatch(/may exist/);
    expect(f.inFlight).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("fetch is called the way browsers require", () => {
  it("never as a method of another object (window.fetch throws 'Illegal invocation' then)", async () => {
    const f = fakeFetch(submitted("t9"));
    // Like a browser's fetch: refuses any receiver other than the global object (or none).
    const strict = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      if (this !== undefined && this !== globalThis)
        throw new TypeError("Failed to execute 'fetch': Illegal invocation");
      return f.fetch(input, init);
    } as typeof globalThis.fetch;
    const client = createFluxClient({ fetch: strict, retry: false });
    await expect(client.submit("flux-2-pro", { prompt: "x" })).resolves.toMatchObject({ id: "t9" });
    await expect(client.credits().catch((e: unknown) => e)).resolves.toBeDefined();
    expect(f.calls.map((c) => c.method)).toEqual(["POST", "GET"]);
  });
});
