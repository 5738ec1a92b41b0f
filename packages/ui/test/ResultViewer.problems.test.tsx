import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluxModerationError, FluxSubmitUncertainError } from "@flux-kit/core";
import { describe, expect, it, vi } from "vitest";
import { ResultViewer } from "../src/ResultViewer";
import type { GenerationView } from "../src/generationView";
import { expectNoAxeViolations } from "./axe";

// #14 defect 9: moderation's Try again retries; the uncertain-submit view looks the task up before anyone pays twice.
function problem(error: GenerationView["error"], status: GenerationView["status"] = "failed") {
  const actions = { retry: vi.fn(), reset: vi.fn(), watch: vi.fn() };
  const { container } = render(<ResultViewer generation={{ status, error, ...actions }} />);
  return { actions, container };
}

describe("ResultViewer problem actions (#14, defect 9)", () => {
  it("moderation's Try again submits again; Change the prompt goes back to the form", async () => {
    const user = userEvent.setup();
    const { actions } = problem(new FluxModerationError("content", ["NSFW"]), "moderated");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(actions.retry).toHaveBeenCalledTimes(1);
    expect(actions.reset).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Change the prompt" }));
    expect(actions.reset).toHaveBeenCalledTimes(1);
  });

  it("an uncertain submit whose answer named the task: the main action looks it up, generating again comes second", async () => {
    const user = userEvent.setup();
    const error = new FluxSubmitUncertainError({
      body: { id: "task-7", polling_url: "https://api.eu.bfl.ai/v1/get_result?id=task-7", cost: "lots" },
    });
    const { actions, container } = problem(error);
    const buttons = screen.getAllByRole("button");
    expect(buttons.map((b) => b.textContent)).toEqual(["Check for the image", "Generate anyway"]);
    expect(buttons[0]).toHaveAttribute("data-variant", "primary");
    expect(buttons[1]).toHaveAttribute("data-variant", "secondary");
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
    await user.click(buttons[0]!);
    expect(actions.watch).toHaveBeenCalledWith({
      id: "task-7",
      pollingUrl: "https://api.eu.bfl.ai/v1/get_result?id=task-7",
    });
    expect(actions.retry).not.toHaveBeenCalled();
    await expectNoAxeViolations(container);
  });

  it("an uncertain submit with no task id says where to check, and offers generating again only as the second choice", () => {
    problem(new FluxSubmitUncertainError({ status: 504 }));
    expect(screen.getByText(/check the usage page of your BFL dashboard/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Check for the image" })).toBeNull();
    expect(screen.getByRole("button", { name: "Generate anyway" })).toHaveAttribute(
      "data-variant",
      "secondary",
    );
  });
});
