import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { PromptForm } from "../src/PromptForm";
import type { PromptFormRequest } from "../src/formValue";
import { pngFile } from "./fixtures";

const fileInput = () => document.querySelector<HTMLInputElement>("input[type=file]")!;

describe("PromptForm reference images", () => {
  it("adds picked images with a preview and sends them as input_image, input_image_2", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    render(<PromptForm onSubmit={onSubmit} defaultValue={{ model: "flux-2-klein-4b", prompt: "edit" }} />);
    expect(screen.getByRole("group", { name: "Reference images (up to 4)" })).toBeInTheDocument();
    await user.upload(fileInput(), [pngFile("a.png", 640, 480), pngFile("b.png")]);
    expect(await screen.findByRole("img", { name: "a.png" })).toHaveAttribute(
      "src",
      expect.stringMatching(/^data:image\/png;base64,/),
    );
    expect(screen.getByText(/640×480/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Generate" }));
    const input = onSubmit.mock.calls[0]![0].input;
    expect(input.input_image).toMatch(/^data:image\/png;base64,/);
    expect(input.input_image_2).toMatch(/^data:image\/png;base64,/);
    expect(input.input_image_3).toBeUndefined();
  });

  it("stops at the model's limit and says so", async () => {
    const user = userEvent.setup();
    render(<PromptForm onSubmit={() => undefined} defaultValue={{ model: "flux-2-klein-4b" }} />);
    await user.upload(
      fileInput(),
      ["1", "2", "3", "4", "5"].map((n) => pngFile(`${n}.png`)),
    );
    expect(await screen.findByText(/takes at most 4 images/)).toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: /^Remove / })).toHaveLength(4);
    expect(screen.getByRole("button", { name: "Choose files…" })).toBeDisabled();
  });

  it("refuses files over 20 MB, over 20 megapixels, and non-images", async () => {
    const user = userEvent.setup({ applyAccept: false });
    render(<PromptForm onSubmit={() => undefined} defaultValue={{ model: "flux-2-pro" }} />);
    const big = new File([new Uint8Array(21 * 1024 * 1024)], "big.png", { type: "image/png" });
    await user.upload(fileInput(), big);
    expect(await screen.findByText(/big\.png: This image is 21\.0 MB; at most 20 MB/)).toBeInTheDocument();
    await user.upload(fileInput(), pngFile("huge.png", 5000, 5000));
    expect(await screen.findByText(/huge\.png: This image is 25\.0 megapixels/)).toBeInTheDocument();
    await user.upload(fileInput(), new File(["hello"], "notes.txt", { type: "text/plain" }));
    expect(await screen.findByText(/notes\.txt: This file is not an image/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Remove / })).toBeNull();
  });

  it("accepts a URL, rejects text that is not one, and removes images", async () => {
    const user = userEvent.setup();
    render(<PromptForm onSubmit={() => undefined} defaultValue={{ model: "flux-kontext-pro" }} />);
    const url = screen.getByRole("textbox", { name: "Image URL" });
    await user.type(url, "not a url{Enter}");
    expect(screen.getByText("Enter an http(s) URL.")).toBeInTheDocument();
    await user.clear(url);
    await user.type(url, "https://example.com/cat.jpg{Enter}");
    expect(screen.getByRole("img", { name: "https://example.com/cat.jpg" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Remove https://example.com/cat.jpg" }));
    expect(screen.queryByRole("img")).toBeNull();
  });

  it("takes dropped and pasted images", async () => {
    render(<PromptForm onSubmit={() => undefined} defaultValue={{ model: "flux-2-pro" }} />);
    fireEvent.drop(screen.getByText("Drop, paste or pick images"), {
      dataTransfer: { files: [pngFile("dropped.png")] },
    });
    expect(await screen.findByRole("img", { name: "dropped.png" })).toBeInTheDocument();
    fireEvent.paste(screen.getByRole("textbox", { name: "Prompt" }), {
      clipboardData: { files: [pngFile("pasted.png")] },
    });
    await waitFor(() => expect(screen.getAllByRole("img")).toHaveLength(2));
  });

  it("requires an image for fill and says so beside the field", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    render(<PromptForm onSubmit={onSubmit} defaultValue={{ model: "flux-pro-1.0-fill", prompt: "x" }} />);
    await user.click(screen.getByRole("button", { name: "Generate" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole("group", { name: /Reference images/ })).toHaveAccessibleDescription(
      expect.stringMatching(/needs an input image|required/i),
    );
  });
});
