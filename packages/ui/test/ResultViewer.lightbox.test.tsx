import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { HistoryEntry } from "../src/HistoryList";
import { ResultViewer } from "../src/ResultViewer";
import { fakeResult } from "./fixtures";

const entry = (id: string, prompt: string): HistoryEntry => ({
  result: fakeResult({ id, prompt, url: `https://delivery-eu1.bfl.ai/results/${id}.jpeg?se=x` }),
  model: "flux-2-pro",
  prompt,
});
const gallery = [entry("a", "A fox"), entry("b", "An owl"), entry("c", "A heron")];

const viewer = () => screen.findByRole("dialog", { name: "Image viewer" });

describe("the full-screen view", () => {
  it("opens from the keyboard, shows where it is, and Escape closes it with focus back on its button", async () => {
    const user = userEvent.setup();
    render(<ResultViewer generation={{ status: "ready", result: fakeResult() }} />);
    const open = screen.getByRole("button", { name: "Full screen" });
    open.focus();
    await user.keyboard("{Enter}");
    const dialog = await viewer();
    expect(dialog).toHaveAttribute("open");
    expect(within(dialog).getByText("1 of 1")).toBeInTheDocument();
    expect(
      within(dialog).getByRole("img", { name: "Generated image: a red fox in snow" }),
    ).toBeInTheDocument();
    // one image: nothing to move to
    expect(within(dialog).queryByRole("button", { name: "Next" })).toBeNull();
    expect(within(dialog).getByRole("link", { name: "Open full size" })).toHaveAttribute("target", "_blank");
    fireEvent(dialog, new Event("cancel", { cancelable: true })); // what the browser fires on Escape
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(open).toHaveFocus();
  });

  it("the arrow keys move through the gallery from the shown image, and stop at its ends", async () => {
    const user = userEvent.setup();
    const shown = gallery[1]!.result;
    render(
      <ResultViewer generation={{ status: "ready", result: shown }} prompt="An owl" gallery={gallery} />,
    );
    await user.click(screen.getByRole("button", { name: "Full screen" }));
    const dialog = await viewer();
    expect(within(dialog).getByText("2 of 3")).toBeInTheDocument();
    await user.keyboard("{ArrowRight}");
    expect(within(dialog).getByText("3 of 3")).toBeInTheDocument();
    expect(within(dialog).getByRole("img", { name: "Generated image: A heron" })).toHaveAttribute(
      "src",
      gallery[2]!.result.url,
    );
    expect(within(dialog).getByRole("button", { name: "Next" })).toHaveAttribute("aria-disabled", "true");
    await user.keyboard("{ArrowRight}{ArrowLeft}{ArrowLeft}{ArrowLeft}");
    expect(within(dialog).getByText("1 of 3")).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Previous" })).toHaveAttribute("aria-disabled", "true");
    expect(within(dialog).getByText("A fox", { selector: "p" })).toBeInTheDocument();
  });

  it("keeps showing its image when another job's image joins the gallery in front", async () => {
    const user = userEvent.setup();
    const shown = gallery[1]!.result;
    const view = (items: readonly HistoryEntry[]) => (
      <ResultViewer generation={{ status: "ready", result: shown }} prompt="An owl" gallery={items} />
    );
    const { rerender } = render(view(gallery));
    await user.click(screen.getByRole("button", { name: "Full screen" }));
    const dialog = await viewer();
    expect(within(dialog).getByRole("img", { name: "Generated image: An owl" })).toBeInTheDocument();
    // a job that finishes meanwhile: the newest goes first
    rerender(view([entry("d", "A lynx"), ...gallery]));
    expect(within(dialog).getByRole("img", { name: "Generated image: An owl" })).toBeInTheDocument();
    expect(within(dialog).getByText("3 of 4")).toBeInTheDocument();
    await user.keyboard("{ArrowLeft}");
    expect(within(dialog).getByRole("img", { name: "Generated image: A fox" })).toBeInTheDocument();
  });

  it("zooms by button, key and click, and says by how much", async () => {
    const user = userEvent.setup();
    render(<ResultViewer generation={{ status: "ready", result: fakeResult() }} />);
    await user.click(screen.getByRole("button", { name: "Full screen" }));
    const dialog = await viewer();
    const image = within(dialog).getByRole("img");
    const status = within(dialog).getByRole("status");
    await user.click(within(dialog).getByRole("button", { name: "Zoom in" }));
    expect(status).toHaveTextContent("200 %");
    expect(image.style.width).toBe("200%");
    await user.keyboard("+");
    expect(status).toHaveTextContent("400 %");
    // at the end, the button stays where the focus is and says it can go no further
    const zoomIn = within(dialog).getByRole("button", { name: "Zoom in" });
    expect(zoomIn).toHaveAttribute("aria-disabled", "true");
    expect(zoomIn).toHaveFocus();
    await user.keyboard("0");
    expect(status).toHaveTextContent("100 %");
    expect(image.style.width).toBe("");
    await user.click(image);
    expect(status).toHaveTextContent("200 %");
  });

  it("copies the prompt and the image (as PNG, read through the same-origin route)", async () => {
    const user = userEvent.setup();
    const png = `data:image/png;base64,${btoa(String.fromCharCode(0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10))}`;
    render(
      <ResultViewer
        generation={{ status: "ready", result: fakeResult({ url: png, expiresAt: undefined }) }}
        prompt="A red fox"
      />,
    );
    await user.click(screen.getByRole("button", { name: "Full screen" }));
    const dialog = await viewer();
    await user.click(within(dialog).getByRole("button", { name: "Copy prompt" }));
    expect(await navigator.clipboard.readText()).toBe("A red fox");
    expect(within(dialog).getByRole("status")).toHaveTextContent("Prompt copied");
    await user.click(within(dialog).getByRole("button", { name: "Copy image" }));
    await within(dialog).findByText("Image copied");
    const [item] = await navigator.clipboard.read();
    const blob = await item!.getType("image/png");
    expect(new Uint8Array(await blob.arrayBuffer()).slice(0, 4)).toEqual(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    );
  });
});

describe("before and after, for an edit", () => {
  it("offers a comparison only with the image the edit started from, on a slider moved by the keyboard", async () => {
    const user = userEvent.setup();
    const source = "data:image/png;base64,AAAA";
    const { rerender } = render(<ResultViewer generation={{ status: "ready", result: fakeResult() }} />);
    expect(screen.queryByRole("button", { name: "Compare with original" })).toBeNull();
    rerender(<ResultViewer generation={{ status: "ready", result: fakeResult() }} before={source} />);
    const compare = screen.getByRole("button", { name: "Compare with original" });
    expect(compare).toHaveAttribute("aria-pressed", "false");
    await user.click(compare);
    expect(compare).toHaveAttribute("aria-pressed", "true");
    const slider = screen.getByRole("slider", { name: "Original shown" });
    const original = document.querySelector<HTMLImageElement>(".flux-compare-before")!;
    expect(original).toHaveAttribute("src", source);
    expect(original.style.clipPath).toBe("inset(0 50% 0 0)");
    fireEvent.change(slider, { target: { value: "80" } });
    expect(original.style.clipPath).toBe("inset(0 20% 0 0)");
    expect(slider).toHaveAttribute("aria-valuetext", "80 %");
    await user.click(compare);
    expect(screen.queryByRole("slider")).toBeNull();
  });
});
