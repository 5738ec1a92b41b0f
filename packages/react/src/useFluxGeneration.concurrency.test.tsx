import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { FluxResult } from "@flux-kit/core";
import { useFluxGeneration } from "./index";
import { harness } from "../test/harness";

describe("several generations at once", () => {
  it("two hooks share the client's limiter: the second waits for a slot instead of a 429", async () => {
    const h = harness({ client: { maxConcurrent: 1 } });
    const a = renderHook(() => useFluxGeneration({ model: "flux-2-pro", persist: false }), {
      wrapper: h.wrapper,
    });
    const b = renderHook(() => useFluxGeneration({ model: "flux-2-pro", persist: false }), {
      wrapper: h.wrapper,
    });
    act(() => void a.result.current.generate({ prompt: "first" }));
    act(() => void b.result.current.generate({ prompt: "second" }));
    await h.advance(100);
    expect(a.result.current.status).toBe("pending");
    expect(b.result.current.status).toBe("submitting");
    expect(h.client.limiter.active).toBe(1);
    expect(h.client.limiter.queued).toBe(1);
    // in steps, so a poll still in flight on a loaded machine gets its turn before the next one is due
    for (let i = 0; i < 12 && a.result.current.status !== "ready"; i++) await h.advance(1_000);
    expect(a.result.current.status).toBe("ready");
    expect(b.result.current.status).not.toBe("failed");
    // the second task's simulated duration is drawn around FLUX.2 [pro]'s 8 s; leave it room on a busy machine
    await h.advance(30_000);
    expect(b.result.current.status).toBe("ready");
    expect(h.count("submit")).toBe(2);
    expect(h.client.limiter.active).toBe(0);
  });

  it("generate() with new input while one runs: both finish, the state follows the latest", async () => {
    const h = harness();
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro", persist: false }), {
      wrapper: h.wrapper,
    });
    let first!: Promise<FluxResult>;
    let second!: Promise<FluxResult>;
    act(() => {
      first = result.current.generate({ prompt: "first" });
    });
    await h.advance(1_000);
    act(() => {
      second = result.current.generate({ prompt: "second" });
    });
    await h.advance(10_000);
    const [one, two] = await Promise.all([first, second]);
    expect(one.id).not.toBe(two.id);
    expect(result.current.result?.id).toBe(two.id);
    expect(h.client.limiter.active).toBe(0);
  });
});
