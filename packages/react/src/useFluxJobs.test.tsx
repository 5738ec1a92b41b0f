import { act, renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { useFluxJobs } from "./index";
import { harness } from "../test/harness";

describe("useFluxJobs: a job tray", () => {
  it("five generations at once are five jobs, each with its own image, in StrictMode", async () => {
    const h = harness({ strict: true });
    const ready: string[] = [];
    const { result, unmount } = renderHook(
      () => useFluxJobs<{ n: number }>({ onReady: (r, job) => ready.push(`${job.meta?.n}`) }),
      { wrapper: h.wrapper },
    );
    act(() => {
      for (let n = 1; n <= 5; n++)
        result.current.generate({ prompt: `fox ${n}` }, { model: "flux-2-pro", meta: { n } });
    });
    expect(result.current.jobs.map((j) => j.meta?.n)).toEqual([5, 4, 3, 2, 1]);
    for (let i = 0; i < 30 && result.current.jobs.some((j) => j.state.status !== "ready"); i++)
      await h.advance(1_000);
    expect(result.current.jobs.map((j) => j.state.status)).toEqual(Array(5).fill("ready"));
    expect(new Set(result.current.jobs.map((j) => j.state.imageUrl)).size).toBe(5);
    expect(h.count("submit")).toBe(5);
    expect(ready.sort()).toEqual(["1", "2", "3", "4", "5"]);
    unmount();
  });

  it("cancel(id) stops one job; the others go on", async () => {
    const h = harness();
    const { result, unmount } = renderHook(() => useFluxJobs(), { wrapper: h.wrapper });
    let ids: string[] = [];
    act(() => {
      ids = ["a", "b"].map((p) => result.current.generate({ prompt: p }, { model: "flux-2-pro" }).id);
    });
    await h.advance(500);
    act(() => result.current.cancel(ids[0]!));
    for (let i = 0; i < 30 && result.current.jobs.some((j) => j.state.status === "pending"); i++)
      await h.advance(1_000);
    const status = new Map(result.current.jobs.map((j) => [j.id, j.state.status]));
    expect([status.get(ids[0]!), status.get(ids[1]!)]).toEqual(["cancelled", "ready"]);
    unmount();
  });

  it("unmounting leaves no timer or request behind", async () => {
    const h = harness();
    const { result, unmount } = renderHook(() => useFluxJobs(), { wrapper: h.wrapper });
    act(() => void result.current.generate({ prompt: "left behind" }, { model: "flux-2-pro" }));
    await h.advance(1_000);
    unmount();
    await h.advance(0);
    const polls = h.count("poll");
    await h.advance(30_000);
    expect(h.count("poll")).toBe(polls);
    expect(vi.getTimerCount()).toBe(0);
  });
});
