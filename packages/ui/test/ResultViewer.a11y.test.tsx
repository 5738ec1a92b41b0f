import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { FluxModerationError, FluxRateLimitError } from "@flux-kit/core";
import { errorFromResponse } from "@flux-kit/core/internal";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ResultViewer } from "../src/ResultViewer";
import type { GenerationView } from "../src/generationView";
import { expectNoAxeViolations } from "./axe";
import { fakeResult } from "./fixtures";

afterEach(() => vi.useRealTimers());

/** The text of every live region in the document (the status region and any other `aria-live` one). */
const announced = () =>
  [...document.querySelectorAll('[aria-live]:not([aria-live="off"])')].map((n) => n.textContent).join(" | ");

/** A generation that moves between states the way `useFluxGeneration` does, driven by the viewer's buttons. */
function Driven({ initial }: { initial: GenerationView["status"] }) {
  const [status, setStatus] = useState(initial);
  const generation: GenerationView = {
    status,
    elapsedMs: 1000,
    error: status === "moderated" ? new FluxModerationError("request", ["Derivative Works"]) : undefined,
    cancel: () => setStatus("cancelled"),
    resume: () => setStatus("pending"),
    retry: () => setStatus("submitting"),
    reset: () => setStatus("idle"),
  };
  return <ResultViewer generation={generation} />;
}

describe("ResultViewer: focus is never dropped to the page (#14, defect 14)", () => {
  it("Stop waiting moves focus to the cancelled view's heading", async () => {
    const user = userEvent.setup();
    render(<Driven initial="pending" />);
    await user.click(screen.getByRole("button", { name: "Stop waiting" }));
    expect(document.activeElement).not.toBe(document.body);
    expect(screen.getByRole("heading", { name: "Stopped waiting" })).toHaveFocus();
  });

  it("Keep waiting moves focus to the pending view's title, not its Stop waiting button", async () => {
    const user = userEvent.setup();
    render(<Driven initial="cancelled" />);
    await user.click(screen.getByRole("button", { name: "Keep waiting" }));
    expect(document.activeElement).not.toBe(document.body);
    expect(screen.getByText("Generating your image…", { selector: ".flux-title" })).toHaveFocus();
  });

  it("moderation's Change the prompt moves focus into the idle view", async () => {
    const user = userEvent.setup();
    render(<Driven initial="moderated" />);
    await user.click(screen.getByRole("button", { name: "Change the prompt" }));
    expect(document.activeElement).not.toBe(document.body);
    expect(screen.getByText("Your image will appear here.")).toHaveFocus();
  });

  it("moderation's Try again (a new submit) moves focus into the submitting view", async () => {
    const user = userEvent.setup();
    render(<Driven initial="moderated" />);
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(document.activeElement).not.toBe(document.body);
    expect(document.activeElement).toHaveTextContent("Sending your request…");
  });

  it("a keyboard user's Enter on Stop waiting lands on the new view too", async () => {
    const user = userEvent.setup();
    render(<Driven initial="pending" />);
    screen.getByRole("button", { name: "Stop waiting" }).focus();
    await user.keyboard("{Enter}");
    expect(screen.getByRole("heading", { name: "Stopped waiting" })).toHaveFocus();
  });

  it("takes no focus when it had none: a status change elsewhere leaves the page's focus alone", async () => {
    const user = userEvent.setup();
    function Page() {
      const [status, setStatus] = useState<GenerationView["status"]>("pending");
      return (
        <>
          <button type="button" onClick={() => setStatus("cancelled")}>
            Elsewhere
          </button>
          <ResultViewer generation={{ status, retry: () => undefined }} />
        </>
      );
    }
    render(<Page />);
    await user.click(screen.getByRole("button", { name: "Elsewhere" }));
    expect(screen.getByRole("heading", { name: "Stopped waiting" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Elsewhere" })).toHaveFocus();
  });
});

describe("ResultViewer: problem headings fit the page's outline (#14, defect 14)", () => {
  const problems: GenerationView[] = [
    { status: "failed", error: errorFromResponse({ status: 503, body: {} }), retry: () => undefined },
    { status: "moderated", error: new FluxModerationError("content", ["Violence"]), reset: () => undefined },
    { status: "cancelled", retry: () => undefined },
    { status: "timed-out", retry: () => undefined },
    { status: "expired", retry: () => undefined },
  ];

  it.each(problems)(
    "$status: no skipped level below the page's h1 (axe heading-order)",
    async (generation) => {
      const { container } = render(
        <main>
          <h1>Images</h1>
          <ResultViewer generation={generation} />
        </main>,
      );
      expect(screen.getByRole("heading", { level: 2 })).toBeInTheDocument();
      expect(container.querySelector("h3, h4, h5, h6")).toBeNull();
      await expectNoAxeViolations(container);
    },
  );

  it("headingLevel fits the viewer under a deeper section", async () => {
    const { container } = render(
      <main>
        <h1>Studio</h1>
        <section>
          <h2>Result</h2>
          <ResultViewer generation={{ status: "expired", retry: () => undefined }} headingLevel={3} />
        </section>
      </main>,
    );
    expect(screen.getByRole("heading", { level: 3, name: "This image has expired" })).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });
});

describe("ResultViewer: what a screen reader must hear (#14, defect 14)", () => {
  it("announces moderation's reasons, not only the title", () => {
    const error = new FluxModerationError("content", ["Sexual Content", "Violence"]);
    render(<ResultViewer generation={{ status: "moderated", error, reset: () => undefined }} />);
    expect(screen.getByRole("status")).toHaveTextContent(
      "This image was blocked by moderation. Reasons: Sexual Content, Violence.",
    );
  });

  it("announces how long a rate limit lasts, once, not every second", async () => {
    vi.useFakeTimers();
    render(
      <ResultViewer generation={{ status: "failed", error: new FluxRateLimitError(3000), retry: vi.fn() }} />,
    );
    const status = screen.getByRole("status");
    expect(status).toHaveTextContent(/You can try again in 3 s\./);
    await act(() => vi.advanceTimersByTimeAsync(1000));
    // the visible countdown moves on; the announcement stays as it was said
    expect(screen.getByRole("button", { name: "Try again (2 s)" })).toBeDisabled();
    expect(status).toHaveTextContent(/You can try again in 3 s\./);
  });

  it("announces the proxy's per-user wait too", () => {
    const error = errorFromResponse({
      status: 429,
      body: { detail: "x", code: "client_limit" },
      retryAfterMs: 5000,
    });
    render(<ResultViewer generation={{ status: "failed", error, retry: vi.fn() }} />);
    expect(screen.getByRole("status")).toHaveTextContent(
      "You have too many images in progress. Try again in 5 s.",
    );
  });

  it("announces Seed copied in a live region", async () => {
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, "writeText").mockResolvedValue(undefined);
    render(<ResultViewer generation={{ status: "ready", result: fakeResult({ seed: 1234 }) }} />);
    expect(announced()).not.toMatch(/Seed copied/);
    await user.click(screen.getByRole("button", { name: "Copy seed" }));
    await screen.findByRole("button", { name: "Seed copied" });
    expect(announced()).toMatch(/Seed copied/);
  });
});
