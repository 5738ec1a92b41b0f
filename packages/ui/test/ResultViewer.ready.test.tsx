import { act, fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluxRateLimitError } from "@flux-kit/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ResultViewer, downloadHref } from "../src/ResultViewer";
import { fakeResult } from "./fixtures";
import { defaultLabels, resolveLabels } from "../src/index";

afterEach(() => vi.useRealTimers());

describe("ResultViewer ready", () => {
  it("shows the image at the requested aspect ratio with alt text from the prompt", () => {
    const result = fakeResult();
    render(
      <ResultViewer
        generation={{ status: "ready", result }}
        prompt="a red fox"
        size={{ width: 1360, height: 768 }}
      />,
    );
    const img = screen.getByRole("img", { name: "Generated image: a red fox" });
    expect(img).toHaveAttribute("src", result.url);
    expect(img.parentElement).toHaveStyle({ aspectRatio: "1360 / 768" });
    // announced once the image has loaded (#14: not before, and not when it fails)
    fireEvent.load(img);
    expect(screen.getByRole("status")).toHaveTextContent("Your image is ready.");
  });

  it("downloads through the proxy's image route with a file name", () => {
    const result = fakeResult();
    render(<ResultViewer generation={{ status: "ready", result }} />);
    const link = screen.getByRole("link", { name: "Download" });
    expect(link).toHaveAttribute("href", `/api/flux/v1/image?u=${encodeURIComponent(result.url)}`);
    expect(link).toHaveAttribute("download", "flux-42.jpg");
    // the original opens from the full-screen view (ResultViewer.lightbox.test)
    expect(screen.getByRole("button", { name: "Full screen" })).toBeInTheDocument();
  });

  it("honours a custom image route, an already-proxied URL, and a downloadUrl builder", () => {
    expect(downloadHref("https://delivery-eu1.bfl.ai/a.png", "/flux/v1/image")).toBe(
      "/flux/v1/image?u=https%3A%2F%2Fdelivery-eu1.bfl.ai%2Fa.png",
    );
    expect(downloadHref("/api/flux/v1/image?u=abc", "/api/flux/v1/image")).toBe("/api/flux/v1/image?u=abc");
    expect(downloadHref("https://delivery-eu1.bfl.ai/a.png", false)).toBe(
      "https://delivery-eu1.bfl.ai/a.png",
    );
    render(
      <ResultViewer
        generation={{ status: "ready", result: fakeResult() }}
        downloadUrl={(r) => `/mine/${r.id}`}
      />,
    );
    expect(screen.getByRole("link", { name: "Download" })).toHaveAttribute("href", "/mine/task-123");
  });

  it("routes only what the proxy's image route accepts: BFL's delivery hosts, by core's one rule", () => {
    // BFL's own Azure account goes through the route …
    const bflAzure =
      "https://bfldeliveryprodeu4.blob.core.windows.net/results/a.jpeg?se=2030-01-01T00%3A00%3A00Z";
    expect(downloadHref(bflAzure, "/r")).toBe(`/r?u=${encodeURIComponent(bflAzure)}`);
    // … a signed copy on the site's own Azure account, another bfl.ai host or a signed URL elsewhere do not: the
    // route would refuse them with 403 (it did for the first, which earlier code routed by its `se=`)
    for (const own of [
      "https://myapp.blob.core.windows.net/kept/a.jpeg?se=2030-01-01T00%3A00%3A00Z&sig=x",
      "https://api.bfl.ai/a.png",
      "https://mock.test/results/a.png?se=2030-01-01T00%3A00%3A00Z",
    ]) {
      expect(downloadHref(own, "/r")).toBe(own);
    }
  });

  it("a persisted copy is shown, downloaded directly and never counts down to expiry", () => {
    const result = fakeResult();
    const kept = "https://cdn.app.test/kept/task-123.jpeg";
    // as useFluxGeneration reports it after persistImage: a different imageUrl, expiresAt undefined
    render(<ResultViewer generation={{ status: "ready", result, imageUrl: kept, expiresAt: undefined }} />);
    expect(screen.getByRole("img")).toHaveAttribute("src", kept);
    // the proxy's image route refuses foreign hosts: your own copy is linked as it is
    expect(screen.getByRole("link", { name: "Download" })).toHaveAttribute("href", kept);
    expect(screen.queryByText(/Link expires in/)).toBeNull();
  });

  it("a result the proxy's onResult persisted (no expiresAt) does not expire either", () => {
    const result = fakeResult({ url: "https://cdn.app.test/kept/a.png", expiresAt: undefined });
    render(<ResultViewer generation={{ status: "ready", result }} />);
    expect(screen.getByRole("link", { name: "Download" })).toHaveAttribute("href", result.url);
    expect(screen.queryByText(/Link expires in/)).toBeNull();
  });

  it("a delivery URL counts down to the generation's expiresAt", () => {
    const result = fakeResult();
    const expiresAt = new Date(Date.now() + 90_000);
    render(<ResultViewer generation={{ status: "ready", result, expiresAt }} />);
    expect(screen.getByText("Link expires in 2 min")).toBeInTheDocument();
  });

  it("lists model, seed, size, cost and duration", () => {
    render(
      <ResultViewer
        generation={{ status: "ready", result: fakeResult() }}
        size={{ width: 1024, height: 768 }}
      />,
    );
    const text = (term: string) => screen.getByText(term).nextElementSibling?.textContent;
    expect(text("Model")).toBe("FLUX.2 [pro]");
    expect(text("Seed")).toBe("42");
    expect(text("Size")).toBe("1024 × 768");
    expect(text("Cost")).toBe("3 credits");
    expect(text("Duration")).toBe("4.2 s");
  });

  it("copies the seed to the clipboard and says so", async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, "writeText");
    render(<ResultViewer generation={{ status: "ready", result: fakeResult({ seed: 1234 }) }} />);
    await user.click(screen.getByRole("button", { name: "Copy seed" }));
    expect(writeText).toHaveBeenCalledWith("1234");
    expect(await screen.findByRole("button", { name: "Seed copied" })).toBeInTheDocument();
  });

  it("counts down a rate limit before enabling Try again", async () => {
    vi.useFakeTimers();
    const retry = vi.fn();
    render(<ResultViewer generation={{ status: "failed", error: new FluxRateLimitError(3000), retry }} />);
    expect(screen.getByText(/try again in 3 s/, { selector: "p" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Try again (3 s)" })).toBeDisabled();
    await act(() => vi.advanceTimersByTimeAsync(3000));
    expect(screen.getByRole("button", { name: "Try again" })).toBeEnabled();
  });

  it("labels of the parts loaded on demand: English defaults with them, overrides still win", () => {
    render(
      <ResultViewer
        generation={{ status: "ready", result: fakeResult() }}
        labels={{ copySeed: "Seed kopieren", download: "Herunterladen" }}
      />,
    );
    expect(screen.getByRole("button", { name: "Seed kopieren" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Herunterladen" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Full screen" })).toBeInTheDocument();
    // the public defaults hold every label, those of the lazy parts included
    expect(defaultLabels.copySeed).toBe("Copy seed");
    expect(resolveLabels({ metaSeed: "Graine" }).metaSeed).toBe("Graine");
    expect(resolveLabels(undefined).expiresIn(90)).toBe("Link expires in 2 min");
  });

  it("passes className, style and ref through, and takes labels", () => {
    let node: HTMLDivElement | null = null;
    render(
      <ResultViewer
        generation={{ status: "idle" }}
        className="mine"
        style={{ minHeight: 10 }}
        ref={(n) => {
          node = n;
        }}
        labels={{ idle: "Ihr Bild erscheint hier." }}
      />,
    );
    expect(screen.getByText("Ihr Bild erscheint hier.")).toBeInTheDocument();
    expect(node).toHaveClass("flux-viewer", "mine");
    expect(node).toHaveStyle({ minHeight: "10px" });
  });
});
