import { act, render, renderHook } from "@testing-library/react";
import { useEffect, useState } from "react";
import { describe, expect, it } from "vitest";
import { useFluxGeneration } from "./index";
import { harness } from "../test/harness";

describe("submit once", () => {
  it("double clicks with the same input share one submit and one promise", async () => {
    const h = harness();
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), { wrapper: h.wrapper });
    let a!: Promise<unknown>;
    let b!: Promise<unknown>;
    act(() => {
      a = result.current.generate({ prompt: "a fox" });
      b = result.current.generate({ prompt: "a fox" });
    });
    await h.advance(0);
    // a third click once the task is pending: still the same generation
    let c!: Promise<unknown>;
    act(() => {
      c = result.current.generate({ prompt: "a fox" });
    });
    expect(b).toBe(a);
    expect(c).toBe(a);
    await h.advance(10_000);
    expect(result.current.status).toBe("ready");
    expect(h.count("submit")).toBe(1);
  });

  it("StrictMode double effects (generate in an effect) and re-renders submit once", async () => {
    const h = harness({ strict: true });
    let renders = 0;
    function AutoGenerate() {
      const gen = useFluxGeneration({ model: "flux-2-pro" });
      const [, force] = useState(0);
      renders++;
      const { generate } = gen;
      useEffect(() => {
        void generate({ prompt: "on mount" });
      }, [generate]);
      return (
        <button type="button" onClick={() => force((n) => n + 1)}>
          {gen.status}
        </button>
      );
    }
    const view = render(<AutoGenerate />, { wrapper: h.wrapper });
    await h.advance(0);
    for (let i = 0; i < 3; i++) act(() => view.getByRole("button").click());
    await h.advance(10_000);
    expect(view.getByRole("button").textContent).toBe("ready");
    expect(renders).toBeGreaterThan(3);
    expect(h.count("submit")).toBe(1);
  });

  it("after a settled generation, the same input again is a new, explicit submit", async () => {
    const h = harness();
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), { wrapper: h.wrapper });
    act(() => void result.current.generate({ prompt: "[mock:error]" }));
    await h.advance(10_000);
    expect(result.current.status).toBe("failed");
    act(() => void result.current.retry());
    await h.advance(10_000);
    expect(h.count("submit")).toBe(2);
  });

  it("defaults are merged under the call's input", async () => {
    const h = harness();
    const { result } = renderHook(
      () => useFluxGeneration({ model: "flux-2-pro", defaults: { seed: 42, prompt: "default prompt" } }),
      { wrapper: h.wrapper },
    );
    act(() => void result.current.generate({ prompt: "mine" }));
    await h.advance(0);
    const task = h.mock.task(result.current.task!.id);
    expect(task?.prompt).toBe("mine");
    expect(task?.seed).toBe(42);
  });
});
