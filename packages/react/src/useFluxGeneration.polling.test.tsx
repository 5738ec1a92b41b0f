import { act, renderHook } from "@testing-library/react";
import { focusManager } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useFluxGeneration } from "./index";
import { harness } from "../test/harness";

afterEach(() => focusManager.setFocused(undefined));

describe("polling", () => {
  it("stops at a terminal status: no timer is left", async () => {
    const h = harness();
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro", persist: false }), {
      wrapper: h.wrapper,
    });
    act(() => void result.current.generate({ prompt: "a fox", output_format: "png" }));
    await h.advance(10_000);
    expect(result.current.status).toBe("ready");
    const polls = h.count("poll");
    await h.advance(60_000);
    expect(h.count("poll")).toBe(polls);
  });

  it("unmount mid-poll aborts the request in flight and leaves no timer", async () => {
    const h = harness();
    const { result, unmount } = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), {
      wrapper: h.wrapper,
    });
    let rejection: unknown;
    act(() => {
      result.current.generate({ prompt: "a fox" }).catch((e: unknown) => (rejection = e));
    });
    await h.advance(1_000);
    h.mock.injectFault({ kind: "latency", ms: 60_000 }, { route: "poll" }); // the next poll hangs
    await h.advance(3_000);
    const inFlight = h.mock.requests.at(-1)!;
    expect(inFlight.route).toBe("poll");
    expect(inFlight.status).toBe(0); // not answered yet
    unmount();
    await h.advance(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(rejection).toMatchObject({ code: "aborted" });
    const count = h.mock.requests.length;
    await h.advance(120_000);
    expect(h.mock.requests.length).toBe(count);
    expect(inFlight.status).toBe(0); // aborted, never answered
  });

  it("cancel() stops watching, says BFL may still bill; resume() watches again", async () => {
    const h = harness();
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), { wrapper: h.wrapper });
    act(() => void result.current.generate({ prompt: "a fox" }));
    await h.advance(500);
    act(() => result.current.cancel());
    expect(result.current.status).toBe("cancelled");
    expect(result.current.error?.code).toBe("aborted");
    expect(result.current.error?.message).toMatch(/may still finish and be billed/);
    const polls = h.count("poll");
    await h.advance(30_000);
    expect(h.count("poll")).toBe(polls);
    expect(vi.getTimerCount()).toBe(0);
    let resumed!: Promise<unknown>;
    act(() => {
      resumed = result.current.resume();
    });
    expect(result.current.status).toBe("pending");
    await h.advance(1_000);
    expect(result.current.status).toBe("ready");
    await expect(resumed).resolves.toMatchObject({ url: result.current.imageUrl });
    expect(h.count("submit")).toBe(1);
  });

  it("pauses while the tab is hidden and catches up on focus", async () => {
    const h = harness({ mock: { durationMs: 20_000 } });
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), { wrapper: h.wrapper });
    act(() => void result.current.generate({ prompt: "a fox" }));
    await h.advance(1_000);
    act(() => focusManager.setFocused(false));
    const polls = h.count("poll");
    await h.advance(60_000);
    expect(h.count("poll")).toBe(polls);
    expect(result.current.status).toBe("pending");
    act(() => focusManager.setFocused(true));
    await h.advance(0);
    expect(h.count("poll")).toBe(polls + 1);
    await h.advance(10); // the answer is signed with WebCrypto (real async)
    expect(result.current.status).toBe("ready");
  });

  it("keeps polling while hidden with pollWhileHidden", async () => {
    const h = harness({ mock: { durationMs: 20_000 } });
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro", pollWhileHidden: true }), {
      wrapper: h.wrapper,
    });
    act(() => void result.current.generate({ prompt: "a fox" }));
    await h.advance(1_000);
    act(() => focusManager.setFocused(false));
    await h.advance(30_000);
    expect(result.current.status).toBe("ready");
  });

  it("a failed poll keeps the task: retry() watches it again instead of paying twice", async () => {
    const h = harness({ client: { retry: false } });
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), { wrapper: h.wrapper });
    act(() => void result.current.generate({ prompt: "a fox" }));
    h.mock.injectFault({ kind: "status", status: 503 }, { route: "poll" });
    await h.advance(0);
    expect(result.current.status).toBe("failed");
    expect(result.current.error?.taskId).toBe(result.current.task?.id);
    act(() => void result.current.retry());
    await h.advance(10_000);
    expect(result.current.status).toBe("ready");
    expect(h.count("submit")).toBe(1);
  });
});
