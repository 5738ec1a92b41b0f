import { act, renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { FluxAuthError, FluxError, FluxRateLimitError } from "@flux-kit/core";
import { useFluxGeneration } from "./index";
import { harness } from "../test/harness";

/** Renders the hook and generates once, the mock's submit answered as the proxy would refuse it. */
async function refusedSubmit(status: number, code: string) {
  const h = harness();
  h.mock.injectFault(
    { kind: "status", status, body: { detail: "Refused by the proxy.", code } },
    { route: "submit" },
  );
  const onError = vi.fn();
  const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro", persist: false, onError }), {
    wrapper: h.wrapper,
  });
  let rejection: unknown;
  act(() => {
    result.current.generate({ prompt: "a fox" }).catch((error: unknown) => (rejection = error));
  });
  await h.advance(1_000);
  return { h, result, onError, rejection };
}

describe("the proxy's error codes reach the hook unchanged", () => {
  it.each([
    [401, "unauthenticated"],
    [403, "forbidden"],
    [403, "model_not_enabled"],
    [403, "origin_not_allowed"],
  ])("%i %s → failed, a FluxAuthError with that code, nothing polled", async (status, code) => {
    const { h, result, onError, rejection } = await refusedSubmit(status, code);
    expect(result.current.status).toBe("failed");
    expect(result.current.error).toBeInstanceOf(FluxAuthError);
    expect(result.current.error).toMatchObject({ code, status });
    expect(rejection).toBe(result.current.error);
    expect(onError).toHaveBeenCalledWith(result.current.error);
    expect(h.count("submit")).toBe(1);
    expect(h.count("poll")).toBe(0);
  });

  it("500 misconfigured → code misconfigured, not a maybe-billed submit", async () => {
    const { result } = await refusedSubmit(500, "misconfigured");
    expect(result.current.status).toBe("failed");
    expect(result.current.error).toBeInstanceOf(FluxError);
    expect(result.current.error?.code).toBe("misconfigured");
  });

  it("429 client_limit → FluxRateLimitError scoped to this client", async () => {
    const h = harness({ client: { retry: false } });
    h.mock.injectFault(
      {
        kind: "status",
        status: 429,
        body: { detail: "Too many active tasks for this client.", code: "client_limit" },
      },
      { route: "submit" },
    );
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro", persist: false }), {
      wrapper: h.wrapper,
    });
    act(() => void result.current.generate({ prompt: "a fox" }));
    await h.advance(1_000);
    expect(result.current.error).toBeInstanceOf(FluxRateLimitError);
    expect(result.current.error).toMatchObject({ code: "rate_limited", scope: "client" });
  });
});
