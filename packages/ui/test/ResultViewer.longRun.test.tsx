import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { FluxJob } from "@flux-kit/core";
import { layoutRow } from "@flux-kit/core/boxes";
import { describe, expect, it, vi } from "vitest";
import { ResultViewer } from "../src/ResultViewer";
import type { GenerationView } from "../src/generationView";
import { expectNoAxeViolations } from "./axe";
import { fakeResult } from "./fixtures";

const job = (model: string): FluxJob => ({
  id: "task-3",
  pollingUrl: undefined,
  model,
  cost: 4.8,
  inputMp: null,
  outputMp: null,
  submittedAt: Date.now(),
});

const flux3 = (overrides: Partial<GenerationView>): GenerationView => ({
  status: "pending",
  task: job("flux-3-image"),
  cancel: () => undefined,
  ...overrides,
});

describe("ResultViewer on a long FLUX 3 run", () => {
  it.each([
    ["pending", "Generating your image…"],
    ["reasoning", "Reasoning…"],
    ["generating", "Generating…"],
  ] as const)("stage %s is said as the run's status", (stage, said) => {
    render(<ResultViewer generation={flux3({ stage, elapsedMs: 12_000 })} />);
    expect(screen.getByRole("status")).toHaveTextContent(said);
  });

  it("shows the elapsed time against the model's typical run (FLUX 3: about 1 min 30 s), with no guessed progress", () => {
    render(<ResultViewer generation={flux3({ stage: "reasoning", elapsedMs: 42_400 })} />);
    expect(screen.getByText(/42 s elapsed/).parentElement).toHaveTextContent(
      "42 s elapsed · usually about 1 min 30 s",
    );
    // FLUX 3 reports no progress: the bar says so instead of creeping towards a made-up 95 %
    const bar = screen.getByRole("progressbar");
    expect(bar).toHaveAttribute("data-state", "indeterminate");
    expect(bar).not.toHaveAttribute("aria-valuenow");
    expect(screen.queryAllByText(/longer than usual/)).toEqual([]);
  });

  it("says calmly that it is taking longer than usual once past 1.5 times the typical run, and still offers to stop", async () => {
    const { container } = render(
      <ResultViewer generation={flux3({ stage: "generating", elapsedMs: 136_000 })} />,
    );
    expect(screen.getByText(/2 min 16 s elapsed/)).toBeInTheDocument();
    // shown, and said once in the live region with the stage
    expect(container.querySelector(".flux-slow")).toHaveTextContent(
      /^Taking longer than usual\. It is still running/,
    );
    expect(screen.getByRole("status")).toHaveTextContent("Generating… Taking longer than usual.");
    expect(container.querySelector(".flux-pending")).toHaveAttribute("data-slow", "true");
    expect(screen.getByRole("button", { name: "Stop waiting" })).toBeEnabled();
    await expectNoAxeViolations(container);
  });

  it("a fast model's run past its own typical time is slow too (FLUX.2 [klein] 4B: 2.5 s)", () => {
    const { container } = render(
      <ResultViewer
        generation={flux3({ task: job("flux-2-klein-4b"), stage: "pending", elapsedMs: 4_000 })}
      />,
    );
    expect(screen.getByText(/4 s elapsed/).parentElement).toHaveTextContent("usually about 3 s");
    expect(container.querySelector(".flux-slow")).toHaveTextContent(/Taking longer than usual/);
  });
});

describe("ResultViewer, when BFL rewrote the prompt", () => {
  it("shows what it rendered, collapsed, and puts its caption and box rows into the form in one click", async () => {
    const user = userEvent.setup();
    const adoptPrompt = vi.fn();
    const rows = [layoutRow("lighthouse_1", [100, 400, 900, 600], "A white lighthouse.")];
    const rendered = `A tall white lighthouse <lighthouse_1> on a rocky coast at dusk. ${JSON.stringify(rows)}`;
    const { container } = render(
      <ResultViewer
        prompt="a lighthouse at dusk"
        generation={{
          status: "ready",
          result: fakeResult({ model: "flux-3-image", prompt: rendered }),
          adoptPrompt,
        }}
      />,
    );
    const summary = await screen.findByText("What FLUX rendered");
    const details = summary.closest("details")!;
    expect(details).not.toHaveAttribute("open");
    await user.click(summary);
    expect(details).toHaveAttribute("open");
    expect(details).toHaveTextContent(rendered);
    await user.click(screen.getByRole("button", { name: "Use this prompt" }));
    expect(adoptPrompt).toHaveBeenCalledWith(
      "A tall white lighthouse <lighthouse_1> on a rocky coast at dusk.",
      rows,
    );
    await expectNoAxeViolations(container);
  });

  it("says nothing when the prompt came back as it was sent", async () => {
    render(
      <ResultViewer
        prompt="a red fox in snow"
        generation={{
          status: "ready",
          result: fakeResult({ prompt: " a red fox  in snow" }),
          adoptPrompt: vi.fn(),
        }}
      />,
    );
    await screen.findByRole("link", { name: "Download" });
    expect(screen.queryByText("What FLUX rendered")).toBeNull();
  });
});
