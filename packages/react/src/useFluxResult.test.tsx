import { renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FluxTaskNotFoundError } from "@flux-kit/core";
import { useFluxResult } from "./index";
import { harness } from "../test/harness";

describe("useFluxResult", () => {
  it("watches a task id from elsewhere (a URL, a webhook, another tab) to the end", async () => {
    const h = harness();
    const job = await h.client.submit("flux-2-pro", { prompt: "made on the server" });
    const { result } = renderHook(({ id }) => useFluxResult(id), {
      wrapper: h.wrapper,
      initialProps: { id: job.id },
    });
    await h.advance(0);
    expect(result.current.status).toBe("pending");
    await h.advance(10_000);
    expect(result.current.status).toBe("ready");
    expect(result.current.imageUrl).toMatch(/sample\.jpeg/);
    expect(h.count("submit")).toBe(1);
  });

  it("an unknown id ends as failed with FluxTaskNotFoundError", async () => {
    const h = harness();
    const { result } = renderHook(() => useFluxResult("00000000-0000-4000-8000-000000000000"), {
      wrapper: h.wrapper,
    });
    await h.advance(100);
    expect(result.current.status).toBe("failed");
    expect(result.current.error).toBeInstanceOf(FluxTaskNotFoundError);
  });

  it("no id, or enabled: false, stays idle with no request", async () => {
    const h = harness();
    const a = renderHook(() => useFluxResult(undefined), { wrapper: h.wrapper });
    const b = renderHook(() => useFluxResult("x", { enabled: false }), { wrapper: h.wrapper });
    await h.advance(1000);
    expect(a.result.current.status).toBe("idle");
    expect(b.result.current.status).toBe("idle");
    expect(h.mock.requests).toHaveLength(0);
  });
});
