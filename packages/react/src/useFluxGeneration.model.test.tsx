import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { decodeGenerationRecord } from "@flux-kit/core/internal";
import { flux2Klein4b, type FluxResult } from "@flux-kit/core";
import { useFluxGeneration } from "./index";
import { harness, type Harness } from "../test/harness";

/** The paths the mock's submits went to, in order. */
const submitPaths = (h: Harness) =>
  h.mock.requests.filter((r) => r.route === "submit").map((r) => new URL(r.url).pathname);

describe("generate(input, { model })", () => {
  it("sends the input to the call's model instead of the hook's; the task and result name it", async () => {
    const h = harness();
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro", persist: false }), {
      wrapper: h.wrapper,
    });
    let done!: Promise<FluxResult>;
    act(() => {
      done = result.current.generate({ prompt: "a fox" }, { model: "flux-2-klein-4b" });
    });
    await h.advance(100);
    expect(submitPaths(h)).toEqual(["/v1/flux-2-klein-4b"]);
    expect(result.current.task?.model).toBe("flux-2-klein-4b");
    // the submit mutation is keyed by the model it went to
    const keys = h.queryClient
      .getMutationCache()
      .getAll()
      .map((m) => m.options.mutationKey);
    expect(keys).toEqual([["flux", "submit", "flux-2-klein-4b"]]);
    await h.advance(10_000);
    expect(result.current.status).toBe("ready");
    await expect(done).resolves.toMatchObject({ model: "flux-2-klein-4b" });

    // retry() sends the same input to the same model again
    act(() => void result.current.retry());
    await h.advance(100);
    // a model definition works as well; without a model, the hook's is used
    act(() => void result.current.generate({ prompt: "an owl" }, { model: flux2Klein4b }));
    await h.advance(100);
    act(() => void result.current.generate({ prompt: "a hare" }));
    await h.advance(100);
    expect(submitPaths(h)).toEqual([
      "/v1/flux-2-klein-4b",
      "/v1/flux-2-klein-4b",
      "/v1/flux-2-klein-4b",
      "/v1/flux-2-pro",
    ]);
    await h.advance(10_000);
    expect(result.current).toMatchObject({ status: "ready", result: { model: "flux-2-pro" } });
  });

  it("another model while one runs: the same input is a second task, both finish, the state follows the latest", async () => {
    const h = harness();
    const { result } = renderHook(() => useFluxGeneration({ model: "flux-2-pro", persist: false }), {
      wrapper: h.wrapper,
    });
    let first!: Promise<FluxResult>;
    let again!: Promise<FluxResult>;
    let second!: Promise<FluxResult>;
    act(() => {
      first = result.current.generate({ prompt: "a fox" });
      // the hook's model named out loud is the same generation: one submit (double clicks stay safe)
      again = result.current.generate({ prompt: "a fox" }, { model: "flux-2-pro" });
    });
    expect(again).toBe(first);
    await h.advance(1_000);
    expect(result.current.status).toBe("pending");
    act(() => {
      second = result.current.generate({ prompt: "a fox" }, { model: "flux-2-klein-4b" });
    });
    expect(second).not.toBe(first);
    await h.advance(10_000);
    const [one, two] = await Promise.all([first, second]);
    expect([one.model, two.model]).toEqual(["flux-2-pro", "flux-2-klein-4b"]);
    expect(submitPaths(h)).toEqual(["/v1/flux-2-pro", "/v1/flux-2-klein-4b"]);
    expect(result.current.result?.id).toBe(two.id);
    expect(result.current.task?.model).toBe("flux-2-klein-4b");
    expect(h.client.limiter.active).toBe(0);
  });

  it("a reload resumes the task as the model it went to, not as the hook's model", async () => {
    const h = harness();
    const first = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), { wrapper: h.wrapper });
    act(() => void first.result.current.generate({ prompt: "a fox" }, { model: "flux-2-klein-4b" }));
    await h.advance(500);
    const id = first.result.current.task!.id;
    // the hook's slot holds the handle, with the model the task was submitted to
    const record = decodeGenerationRecord(sessionStorage.getItem("flux-kit:generation:flux-2-pro"));
    expect(record?.job).toMatchObject({ id, model: "flux-2-klein-4b" });
    first.unmount(); // "reload"
    h.queryClient.clear();

    const proPrior = h.client.estimator.estimate("flux-2-pro");
    const kleinPrior = h.client.estimator.estimate("flux-2-klein-4b");
    const second = renderHook(() => useFluxGeneration({ model: "flux-2-pro" }), { wrapper: h.wrapper });
    await h.advance(0);
    expect(second.result.current.status).toBe("pending");
    expect(second.result.current.task).toMatchObject({ id, model: "flux-2-klein-4b" });
    await h.advance(10_000);
    expect(second.result.current).toMatchObject({ status: "ready", result: { model: "flux-2-klein-4b" } });
    // the finished task taught the polling schedule klein's duration, and left pro's alone
    expect(h.client.estimator.estimate("flux-2-klein-4b")).not.toEqual(kleinPrior);
    expect(h.client.estimator.estimate("flux-2-pro")).toEqual(proPrior);
    expect(submitPaths(h)).toEqual(["/v1/flux-2-klein-4b"]);
  });
});
