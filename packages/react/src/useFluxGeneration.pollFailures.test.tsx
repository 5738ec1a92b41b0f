import { act, renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { useFluxGeneration } from "./index";
import { harness } from "../test/harness";

describe("failed polls leave the generation pending", () => {
  it("a run of 503s and resets on polls: never failed, then ready, with one submit and no error", async () => {
    const h = harness();
    const onError = vi.fn();
    const seen = new Set<string>();
    const { result } = renderHook(
      () => {
        const generation = useFluxGeneration({ model: "flux-2-pro", persist: false, onError });
        seen.add(generation.status);
        return generation;
      },
      { wrapper: h.wrapper },
    );
    act(() => void result.current.generate({ prompt: "a fox" }));
    await h.advance(0);
    h.mock.injectFault({ kind: "status", status: 503 }, { route: "poll", times: 12 });
    h.mock.injectFault({ kind: "reset" }, { route: "poll", times: 6 });
    await h.advance(180_000);
    expect(result.current.status).toBe("ready");
    expect([...seen]).toEqual(["idle", "submitting", "pending", "ready"]);
    expect(onError).not.toHaveBeenCalled();
    expect(h.count("submit")).toBe(1);
    expect(h.mock.requests.filter((r) => r.route === "poll" && r.fault !== undefined)).toHaveLength(18);
  });

  it("a final failure on a poll (401) still fails at once", async () => {
    const h = harness();
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro", persist: false }), {
      wrapper: h.wrapper,
    });
    act(() => void result.current.generate({ prompt: "a fox" }));
    await h.advance(0);
    h.mock.injectFault({ kind: "status", status: 401 }, { route: "poll" });
    await h.advance(10_000);
    expect(result.current.status).toBe("failed");
    expect(result.current.error).toMatchObject({ code: "auth", status: 401 });
    expect(result.current.error?.taskId).toBe(result.current.task?.id);
  });
});
