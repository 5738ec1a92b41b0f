import { act, renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { FluxStorage } from "@flux-kit/core";
import { useFluxGeneration } from "./index";
import { harness } from "../test/harness";

describe("survives reloads", () => {
  it("persists the pending task id and resumes it on mount, without submitting again", async () => {
    const h = harness();
    const first = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), { wrapper: h.wrapper });
    act(() => void first.result.current.generate({ prompt: "a fox" }));
    await h.advance(500);
    const id = first.result.current.task!.id;
    expect(sessionStorage.getItem("flux-kit:generation:flux-2-pro")).toContain(id);
    first.unmount(); // "reload"
    h.queryClient.clear();

    const second = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), { wrapper: h.wrapper });
    await h.advance(0);
    expect(second.result.current.status).toBe("pending");
    expect(second.result.current.task?.id).toBe(id);
    await h.advance(10_000);
    expect(second.result.current.status).toBe("ready");
    expect(h.count("submit")).toBe(1);
  });

  it("restores a finished result from storage with no request, then turns expired with the URL", async () => {
    const h = harness();
    const first = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), { wrapper: h.wrapper });
    act(() => void first.result.current.generate({ prompt: "a fox" }));
    await h.advance(10_000);
    const { imageUrl, expiresAt } = first.result.current;
    first.unmount();
    const requests = h.mock.requests.length;

    const second = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), { wrapper: h.wrapper });
    expect(second.result.current.status).toBe("ready");
    expect(second.result.current.imageUrl).toBe(imageUrl);
    expect(h.mock.requests.length).toBe(requests);
    await h.advance(expiresAt!.getTime() - Date.now() + 1);
    expect(second.result.current.status).toBe("expired");
    expect(second.result.current.error?.code).toBe("expired");
  });

  it("uses a pluggable storage and key; persist: false keeps nothing", async () => {
    const h = harness();
    const items = new Map<string, string>();
    const storage: FluxStorage = {
      getItem: (k) => items.get(k) ?? null,
      setItem: (k, v) => void items.set(k, v),
      removeItem: (k) => void items.delete(k),
    };
    const a = renderHook(
      () => useFluxGeneration({ model: "flux-2-pro", persist: { key: "hero", storage } }),
      {
        wrapper: h.wrapper,
      },
    );
    const b = renderHook(() => useFluxGeneration({ model: "flux-2-pro", persist: false }), {
      wrapper: h.wrapper,
    });
    act(() => void a.result.current.generate({ prompt: "a" }));
    act(() => void b.result.current.generate({ prompt: "b" }));
    await h.advance(100);
    expect([...items.keys()]).toEqual(["hero"]);
    expect(sessionStorage.length).toBe(0);
    act(() => a.result.current.reset());
    expect(items.size).toBe(0);
    expect(a.result.current.status).toBe("idle");
  });
});

describe("expiry", () => {
  it("turns expired after the delivery URL's lifetime", async () => {
    const h = harness();
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), { wrapper: h.wrapper });
    act(() => void result.current.generate({ prompt: "a fox" }));
    await h.advance(10_000);
    expect(result.current.status).toBe("ready");
    await h.advance(10 * 60_000);
    expect(result.current.status).toBe("expired");
    expect(result.current.result).toBeDefined();
  });

  it("never expires once the app persisted the image (persistImage)", async () => {
    const h = harness();
    const persistImage = vi.fn(() => Promise.resolve("https://cdn.example.com/kept.jpeg"));
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro", persistImage }), {
      wrapper: h.wrapper,
    });
    act(() => void result.current.generate({ prompt: "a fox" }));
    await h.advance(10_000);
    expect(persistImage).toHaveBeenCalledTimes(1);
    expect(result.current.imageUrl).toBe("https://cdn.example.com/kept.jpeg");
    expect(result.current.expiresAt).toBeUndefined();
    await h.advance(60 * 60_000);
    expect(result.current.status).toBe("ready");
    expect(vi.getTimerCount()).toBe(0);
  });
});
