import { act, renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import {
  FluxCreditsError,
  FluxGenerationError,
  FluxModerationError,
  FluxRateLimitError,
  FluxSubmitUncertainError,
  FluxTimeoutError,
  FluxValidationError,
  flux2Pro,
  type FluxClientOptions,
} from "@flux-kit/core";
import type { MockBflOptions } from "@flux-kit/mock";
import { useFluxGeneration } from "./index";
import { harness } from "../test/harness";

async function run(prompt: string, options: { mock?: MockBflOptions; client?: FluxClientOptions } = {}) {
  const h = harness(options);
  const onError = vi.fn();
  const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro", onError }), {
    wrapper: h.wrapper,
  });
  let rejection: unknown;
  act(() => {
    result.current.generate({ prompt }).catch((error: unknown) => (rejection = error));
  });
  await h.advance(20_000);
  return { h, result, onError, rejection };
}

describe("terminal statuses map to a status and an error class", () => {
  it.each([
    ["[mock:request-moderated]", "moderated", FluxModerationError, "request"],
    ["[mock:content-moderated:Sexual Content]", "moderated", FluxModerationError, "content"],
    ["[mock:error:GPU on fire]", "failed", FluxGenerationError, undefined],
  ] as const)("%s → %s", async (prompt, status, ErrorClass, stage) => {
    const { h, result, onError, rejection } = await run(`a fox ${prompt}`);
    expect(result.current.status).toBe(status);
    expect(result.current.error).toBeInstanceOf(ErrorClass);
    expect(rejection).toBe(result.current.error);
    expect(onError).toHaveBeenCalledWith(result.current.error);
    if (stage) expect((result.current.error as FluxModerationError).stage).toBe(stage);
    // a terminal status ends polling: nothing more is requested, however long we wait
    const polls = h.count("poll");
    await h.advance(60_000);
    expect(h.count("poll")).toBe(polls);
  });

  it("a Request Moderated task stops after the first poll instead of polling until a timeout", async () => {
    const { h, result } = await run("[mock:request-moderated]");
    expect(result.current.status).toBe("moderated");
    expect(h.count("poll")).toBe(1);
  });

  it("a task that never finishes turns timed-out after timeoutMs (after one last poll)", async () => {
    const h = harness();
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro", timeoutMs: 30_000 }), {
      wrapper: h.wrapper,
    });
    act(() => void result.current.generate({ prompt: "[mock:stuck]" }));
    await h.advance(29_000);
    expect(result.current.status).toBe("pending");
    const polls = h.count("poll");
    await h.advance(1_000);
    expect(result.current.status).toBe("timed-out");
    expect(result.current.error).toBeInstanceOf(FluxTimeoutError);
    expect(result.current.error?.taskId).toBe(result.current.task?.id);
    // a poll right at the deadline (its answer could still be Ready), then none
    expect(h.count("poll")).toBeGreaterThan(polls);
    const atTimeout = h.count("poll");
    await h.advance(60_000);
    expect(h.count("poll")).toBe(atTimeout);
  });
});

describe("submit failures are surfaced", () => {
  it("402 → failed with FluxCreditsError, nothing polled", async () => {
    const { h, result } = await run("a fox", { mock: { credits: 0 } });
    expect(result.current.status).toBe("failed");
    expect(result.current.error).toBeInstanceOf(FluxCreditsError);
    expect(result.current.error?.status).toBe(402);
    expect(result.current.task).toBeUndefined();
    expect(h.count("poll")).toBe(0);
  });

  it("422 from the server → FluxValidationError with field errors", async () => {
    // with local validation off, the invalid body reaches the (mock) server
    const h = harness({ client: { validate: false } });
    const hook = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), { wrapper: h.wrapper });
    act(() => void hook.result.current.generate({ prompt: "a fox", width: 100_000 }));
    await h.advance(100);
    const error = hook.result.current.error;
    expect(hook.result.current.status).toBe("failed");
    expect(error).toBeInstanceOf(FluxValidationError);
    expect((error as FluxValidationError).source).toBe("server");
    expect((error as FluxValidationError).fields["width"]).toBeDefined();
  });

  it("invalid input fails locally before any request when the client knows the model's definition", async () => {
    const h = harness({ client: { models: [flux2Pro] } });
    const hook = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), { wrapper: h.wrapper });
    act(() => void hook.result.current.generate({ prompt: "a fox", width: 100_000 }));
    await h.advance(0);
    expect(hook.result.current.error).toBeInstanceOf(FluxValidationError);
    expect((hook.result.current.error as FluxValidationError).source).toBe("local");
    expect(h.mock.requests).toHaveLength(0);
  });

  it("429 → failed with FluxRateLimitError (retryAfterMs) once client retries are exhausted", async () => {
    const h = harness({
      mock: { maxActiveTasks: 1, retryAfter: 7 },
      client: { retry: false, maxConcurrent: Infinity },
    });
    const first = renderHook(() => useFluxGeneration({ model: "flux-2-pro", persist: false }), {
      wrapper: h.wrapper,
    });
    const second = renderHook(() => useFluxGeneration({ model: "flux-2-pro", persist: false }), {
      wrapper: h.wrapper,
    });
    act(() => void first.result.current.generate({ prompt: "[mock:stuck]" }));
    await h.advance(0);
    act(() => void second.result.current.generate({ prompt: "another" }));
    await h.advance(0);
    expect(second.result.current.status).toBe("failed");
    expect(second.result.current.error).toBeInstanceOf(FluxRateLimitError);
    expect((second.result.current.error as FluxRateLimitError).retryAfterMs).toBe(7000);
  });

  it("an ambiguous submit failure says the task may exist; retry() is a new explicit submit", async () => {
    const h = harness();
    h.mock.injectFault({ kind: "status", status: 500 }, { route: "submit" });
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), { wrapper: h.wrapper });
    act(() => void result.current.generate({ prompt: "a fox" }));
    await h.advance(0);
    expect(result.current.status).toBe("failed");
    expect(result.current.error).toBeInstanceOf(FluxSubmitUncertainError);
    expect(result.current.error?.message).toMatch(/may exist/);
    expect(h.count("submit")).toBe(1); // not retried automatically
    act(() => void result.current.retry());
    expect(result.current.status).toBe("submitting");
    await h.advance(20_000);
    expect(result.current.status).toBe("ready");
    expect(h.count("submit")).toBe(2);
  });
});
