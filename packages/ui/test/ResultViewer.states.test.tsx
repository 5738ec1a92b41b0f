import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import {
  FluxAuthError,
  FluxCreditsError,
  FluxError,
  FluxGenerationError,
  FluxModerationError,
  FluxSubmitUncertainError,
  FluxValidationError,
} from "@flux-kit/core";
import { describe, expect, it, vi } from "vitest";
import { ResultViewer } from "../src/ResultViewer";
import type { GenerationView } from "../src/generationView";
import { expectNoAxeViolations } from "./axe";
import { fakeResult } from "./fixtures";

const live = () => screen.getByRole("status");

describe("ResultViewer states", () => {
  it("idle: a placeholder and an empty live region", () => {
    const { container } = render(<ResultViewer generation={{ status: "idle" }} />);
    expect(container.firstChild).toHaveAttribute("data-state", "idle");
    expect(screen.getByText("Your image will appear here.")).toBeInTheDocument();
    expect(live()).toHaveTextContent("");
  });

  it("submitting: busy and announced", () => {
    const { container } = render(<ResultViewer generation={{ status: "submitting" }} />);
    expect(container.firstChild).toHaveAttribute("aria-busy", "true");
    expect(live()).toHaveTextContent("Sending your request…");
  });

  it("pending: progress bar with value, elapsed time, and a cancel button", async () => {
    const user = userEvent.setup();
    const cancel = vi.fn();
    render(<ResultViewer generation={{ status: "pending", progress: 0.42, elapsedMs: 7_300, cancel }} />);
    const bar = screen.getByRole("progressbar", { name: "Progress" });
    expect(bar).toHaveAttribute("aria-valuenow", "42");
    expect(screen.getByText("7 s elapsed")).toBeInTheDocument();
    expect(live()).toHaveTextContent("Generating your image…");
    await user.click(screen.getByRole("button", { name: "Stop waiting" }));
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it("pending without progress: an indeterminate bar", () => {
    render(<ResultViewer generation={{ status: "pending", elapsedMs: 0 }} />);
    expect(screen.getByRole("progressbar")).not.toHaveAttribute("aria-valuenow");
    expect(screen.getByRole("progressbar")).toHaveAttribute("data-state", "indeterminate");
  });

  it("moderated: the stage, the reasons and what to try", () => {
    const error = new FluxModerationError("content", ["Sexual Content", "Violence"]);
    render(<ResultViewer generation={{ status: "moderated", error, reset: () => undefined }} />);
    expect(screen.getByRole("heading", { name: "This image was blocked by moderation" })).toBeInTheDocument();
    expect(screen.getByText(/generated image was flagged/)).toBeInTheDocument();
    expect(screen.getByText("Reasons: Sexual Content, Violence")).toBeInTheDocument();
    expect(screen.getByText(/Rephrase the prompt/)).toBeInTheDocument();
  });

  it("moderated before generation names the request stage", () => {
    render(
      <ResultViewer generation={{ status: "moderated", error: new FluxModerationError("request", []) }} />,
    );
    expect(screen.getByText(/flagged before generation started/)).toBeInTheDocument();
    expect(screen.queryByText(/Reasons:/)).toBeNull();
  });

  it.each([
    ["credits", new FluxCreditsError(), /out of credits/, true],
    ["auth", new FluxAuthError(), /could not authenticate/, false],
    ["server", new FluxError("server", "boom", { status: 503 }), /had a problem/, true],
    ["network", new FluxError("network", "offline"), /connection failed/, true],
    ["generation_failed", new FluxGenerationError("oops"), /could not generate this image/, true],
    ["submit_uncertain", new FluxSubmitUncertainError(), /may be billed/, true],
  ])("failed (%s): an actionable message per error class", async (code, error, message, retryable) => {
    const retry = vi.fn();
    const { container } = render(<ResultViewer generation={{ status: "failed", error, retry }} />);
    expect(container.firstChild).toHaveAttribute("data-error", code);
    expect(screen.getAllByText(message)[0]).toBeInTheDocument();
    expect(live()).toHaveTextContent(message);
    // after an uncertain submit, submitting again is "Generate anyway" (the view's second choice)
    const button = screen.queryByRole("button", {
      name: code === "submit_uncertain" ? "Generate anyway" : "Try again",
    });
    if (retryable) {
      await userEvent.setup().click(button!);
      expect(retry).toHaveBeenCalled();
    } else {
      expect(button).toBeNull();
    }
  });

  it("failed validation lists each field error", () => {
    const error = new FluxValidationError(
      [{ path: "width", message: "Input should be a multiple of 16", type: "multiple_of" }],
      "server",
    );
    render(<ResultViewer generation={{ status: "failed", error }} />);
    expect(screen.getByText(/Some settings were rejected/, { selector: "p" })).toBeInTheDocument();
    expect(screen.getByRole("listitem")).toHaveTextContent("width Input should be a multiple of 16");
  });

  it("cancelled: warns that the task may still be billed, and offers to keep waiting", async () => {
    const resume = vi.fn();
    render(<ResultViewer generation={{ status: "cancelled", resume, retry: () => undefined }} />);
    expect(screen.getByText(/may still be generated and billed/)).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "Keep waiting" }));
    expect(resume).toHaveBeenCalled();
  });

  it("timed out and expired each say what happened and what to do", () => {
    const { rerender } = render(
      <ResultViewer generation={{ status: "timed-out", retry: () => undefined }} />,
    );
    expect(screen.getByRole("heading", { name: "This is taking longer than expected" })).toBeInTheDocument();
    rerender(<ResultViewer generation={{ status: "expired", retry: () => undefined }} />);
    expect(screen.getByRole("heading", { name: "This image has expired" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Generate again" })).toBeInTheDocument();
    expect(live()).toHaveTextContent("This image has expired");
  });

  it.each<GenerationView>([
    { status: "idle" },
    { status: "pending", progress: 0.5, elapsedMs: 2000, cancel: () => undefined },
    { status: "ready", result: fakeResult() },
    { status: "failed", error: new FluxCreditsError(), retry: () => undefined },
    { status: "moderated", error: new FluxModerationError("request", ["x"]), reset: () => undefined },
    { status: "cancelled", retry: () => undefined },
  ])("has no axe violations when $status", async (generation) => {
    const { container } = render(<ResultViewer generation={generation} />);
    await expectNoAxeViolations(container);
  });
});

describe("ResultViewer: a submit waiting for a free slot says whose limit holds it", () => {
  const waiting = (scope: "client" | "account" | "local", running: number) =>
    render(
      <ResultViewer
        generation={{
          status: "submitting",
          waiting: { scope, retryAt: undefined, detail: undefined, refusals: scope === "local" ? 0 : 1 },
          running,
          cancel: () => undefined,
        }}
      />,
    );

  it("the person's own images, when it is their limit", () => {
    const { container } = waiting("client", 3);
    expect(container).toHaveTextContent(
      "3 of your images are being generated; this one starts when a slot frees up.",
    );
  });

  // the account's cap (BFL's, or the proxy's line for everyone): "0 of your images are being generated" was said
  it("the service being busy, when the whole account is at its cap", () => {
    const { container } = waiting("account", 0);
    expect(container).toHaveTextContent("The image service is busy; this one starts when a slot frees up.");
    expect(container).not.toHaveTextContent(/of your images/);
  });

  it("the service being busy, when none of the person's images is running", () => {
    const { container } = waiting("local", 0);
    expect(container).toHaveTextContent("The image service is busy");
  });
});
