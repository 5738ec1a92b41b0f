import { act, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { lazyPart } from "./lazyPart";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const Hello = ({ name }: { name: string }) => <p>Hello {name}</p>;

describe("lazyPart: a component whose code loads on demand", () => {
  it("shows the fallback, starts the load on mount, then the component, in every mounted copy", async () => {
    const code = deferred<typeof Hello>();
    let loads = 0;
    const { Part } = lazyPart(() => {
      loads++;
      return code.promise;
    });
    render(
      <>
        <Part name="fox" fallback={<p>Loading…</p>} />
        <Part name="owl" fallback={<p>Loading…</p>} />
      </>,
    );
    expect(screen.getAllByText("Loading…")).toHaveLength(2);
    expect(loads).toBe(1);
    await act(async () => {
      code.resolve(Hello);
      await code.promise;
    });
    expect(screen.getByText("Hello fox")).toBeInTheDocument();
    expect(screen.getByText("Hello owl")).toBeInTheDocument();
    expect(screen.queryByText("Loading…")).toBeNull();
  });

  it("a failed load keeps the fallback, and the next preload tries again", async () => {
    const first = deferred<typeof Hello>();
    const second = deferred<typeof Hello>();
    const attempts = [first, second];
    let loads = 0;
    const { Part, preload } = lazyPart(() => attempts[loads++]!.promise);
    render(<Part name="heron" fallback={<p>Offline view</p>} />);
    await act(async () => {
      first.reject(new TypeError("Failed to fetch dynamically imported module"));
      await first.promise.catch(() => undefined);
    });
    expect(screen.getByText("Offline view")).toBeInTheDocument();
    const again = preload();
    expect(loads).toBe(2);
    await act(async () => {
      second.resolve(Hello);
      await again;
    });
    expect(screen.getByText("Hello heron")).toBeInTheDocument();
  });

  it("after a preload, a new mount shows the component at once", async () => {
    const { Part, preload } = lazyPart(() => Promise.resolve(Hello));
    await preload();
    render(<Part name="lynx" fallback={<p>Loading…</p>} />);
    expect(screen.getByText("Hello lynx")).toBeInTheDocument();
  });
});
