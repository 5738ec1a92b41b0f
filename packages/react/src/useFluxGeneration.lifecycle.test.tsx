import { act, renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { FluxResult } from "@flux-kit/core";
import { useFluxGeneration } from "./index";
import { harness } from "../test/harness";

describe("useFluxGeneration lifecycle", () => {
  it("text-to-image: idle → submitting → pending (progress) → ready", async () => {
    const h = harness();
    const onSubmitted = vi.fn();
    const onReady = vi.fn();
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro", onSubmitted, onReady }), {
      wrapper: h.wrapper,
    });
    expect(result.current.status).toBe("idle");
    let promise!: Promise<FluxResult>;
    act(() => {
      promise = result.current.generate({ prompt: "a red fox in snow" });
    });
    expect(result.current.status).toBe("submitting");
    await h.advance(0);
    expect(result.current.status).toBe("pending");
    expect(result.current.task?.model).toBe("flux-2-pro");
    expect(onSubmitted).toHaveBeenCalledWith(result.current.task);
    await h.advance(3600);
    expect(result.current.status).toBe("pending");
    expect(result.current.progress).toBeGreaterThan(0.5);
    expect(result.current.elapsedMs).toBeGreaterThan(2000);
    await h.advance(8000);
    expect(result.current.status).toBe("ready");
    expect(result.current.imageUrl).toMatch(/^https:\/\/api\.bfl\.ai\/results\//);
    expect(result.current.expiresAt).toBeInstanceOf(Date);
    const done = await promise;
    expect(done.url).toBe(result.current.imageUrl);
    expect(onReady).toHaveBeenCalledWith(done);
    expect(h.count("submit")).toBe(1);
  });
});

describe("useFluxGeneration editing", () => {
  it("edits an input image with a Kontext model, typed by the model id", async () => {
    const h = harness();
    const { result } = renderHook(
      () => useFluxGeneration({ model: "flux-kontext-pro", defaults: { output_format: "png" } }),
      { wrapper: h.wrapper },
    );
    const image =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    let promise!: Promise<FluxResult>;
    act(() => {
      promise = result.current.generate({ prompt: "make the sky purple", input_image: image });
    });
    await h.advance(10_000);
    expect(result.current.status).toBe("ready");
    expect((await promise).url).toMatch(/sample\.png/);
    const task = h.mock.task(result.current.task!.id);
    expect(task?.model).toBe("flux-kontext-pro");
    expect(task?.outputFormat).toBe("png");
  });
});
