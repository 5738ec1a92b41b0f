import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ResultViewer } from "../src/ResultViewer";
import { expectNoAxeViolations } from "./axe";
import { fakeResult } from "./fixtures";

// happy-dom loads no images: each test fires the <img>'s `load` or `error` itself, as a browser would
const live = () => screen.getByRole("status");
const image = () => screen.getByRole("img", { name: /Generated image/ });

describe("ResultViewer: the ready image must load before it is announced or offered (#14, defect 10)", () => {
  it("announces ready only once the image has loaded", () => {
    render(<ResultViewer generation={{ status: "ready", result: fakeResult() }} />);
    expect(live()).not.toHaveTextContent("Your image is ready.");
    expect(live()).toHaveTextContent("Loading your image…");
    fireEvent.load(image());
    expect(live()).toHaveTextContent("Your image is ready.");
    expect(screen.getByRole("link", { name: "Download" })).toBeInTheDocument();
  });

  it("an image that fails to load: a problem state, announced, and no Download or full-size link", async () => {
    const { container } = render(<ResultViewer generation={{ status: "ready", result: fakeResult() }} />);
    fireEvent.error(image());
    expect(live()).not.toHaveTextContent(/ready/i);
    expect(live()).toHaveTextContent("The image could not be loaded");
    expect(screen.getByRole("heading", { name: "The image could not be loaded" })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Download" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Full screen" })).toBeNull();
    expect(screen.queryByRole("img")).toBeNull();
    expect(container.firstChild).toHaveAttribute("data-image", "error");
    await expectNoAxeViolations(container);
  });

  it("Load again requests the image afresh, and a load then shows and announces it", async () => {
    const user = userEvent.setup();
    const result = fakeResult();
    render(<ResultViewer generation={{ status: "ready", result, expiresAt: result.expiresAt }} />);
    const first = image();
    fireEvent.error(first);
    await user.click(screen.getByRole("button", { name: "Load again" }));
    const second = image();
    // a new element: setting the same src on the old one would not request it again
    expect(second).not.toBe(first);
    expect(second).toHaveAttribute("src", result.url);
    expect(live()).toHaveTextContent("Loading your image…");
    fireEvent.load(second);
    expect(live()).toHaveTextContent("Your image is ready.");
    expect(screen.getByRole("link", { name: "Download" })).toBeInTheDocument();
  });

  it("a persisted copy that fails offers the delivery URL while it lasts", async () => {
    const user = userEvent.setup();
    const result = fakeResult();
    const kept = "https://cdn.app.test/kept/task-123.jpeg";
    render(<ResultViewer generation={{ status: "ready", result, imageUrl: kept, expiresAt: undefined }} />);
    expect(image()).toHaveAttribute("src", kept);
    fireEvent.error(image());
    await user.click(screen.getByRole("button", { name: "Load another copy" }));
    expect(image()).toHaveAttribute("src", result.url);
    fireEvent.load(image());
    expect(live()).toHaveTextContent("Your image is ready.");
  });

  it("an expired delivery URL is not offered as another copy", () => {
    const result = fakeResult({ expiresAt: new Date(Date.now() - 60_000) });
    const kept = "https://cdn.app.test/kept/task-123.jpeg";
    render(<ResultViewer generation={{ status: "ready", result, imageUrl: kept, expiresAt: undefined }} />);
    fireEvent.error(image());
    expect(screen.getByRole("button", { name: "Load again" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Load another copy" })).toBeNull();
  });

  it("a delivery URL that fails directly can be loaded through the proxy's image route", async () => {
    const user = userEvent.setup();
    const result = fakeResult();
    render(<ResultViewer generation={{ status: "ready", result }} />);
    fireEvent.error(image());
    await user.click(screen.getByRole("button", { name: "Load another copy" }));
    expect(image()).toHaveAttribute("src", `/api/flux/v1/image?u=${encodeURIComponent(result.url)}`);
    // every copy tried: only Load again is left
    fireEvent.error(image());
    expect(screen.queryByRole("button", { name: "Load another copy" })).toBeNull();
    expect(screen.getByRole("button", { name: "Load again" })).toBeInTheDocument();
  });

  it("offers to generate again when the generation can", async () => {
    const user = userEvent.setup();
    const retry = vi.fn();
    render(<ResultViewer generation={{ status: "ready", result: fakeResult(), retry }} />);
    fireEvent.error(image());
    await user.click(screen.getByRole("button", { name: "Generate again" }));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it("a new result starts loading afresh", () => {
    const { rerender } = render(<ResultViewer generation={{ status: "ready", result: fakeResult() }} />);
    fireEvent.error(image());
    const next = fakeResult({ id: "task-456", url: "https://delivery-eu1.bfl.ai/results/ef/sample.jpeg" });
    rerender(<ResultViewer generation={{ status: "ready", result: next }} />);
    expect(image()).toHaveAttribute("src", next.url);
    expect(live()).toHaveTextContent("Loading your image…");
  });

  it("the new strings can be reworded through labels", () => {
    render(
      <ResultViewer
        generation={{ status: "ready", result: fakeResult() }}
        labels={{ imageFailedTitle: "Bild konnte nicht geladen werden", reloadImage: "Neu laden" }}
      />,
    );
    fireEvent.error(image());
    expect(screen.getByRole("heading", { name: "Bild konnte nicht geladen werden" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Neu laden" })).toBeInTheDocument();
  });
});
