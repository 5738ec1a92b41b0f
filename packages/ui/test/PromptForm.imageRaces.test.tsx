import { act, fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { PromptForm } from "../src/PromptForm";
import { pngFile } from "./fixtures";

// Reading an image is asynchronous: what the person does meanwhile (remove another image, add more) must hold
// when the read ends. The add once merged into the list as it was when it began.
const fileInput = () => document.querySelector<HTMLInputElement>("input[type=file]")!;

/** A PNG whose bytes are read only once `release()` is called. */
function slowFile(name: string) {
  const file = pngFile(name);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const read = file.arrayBuffer.bind(file);
  Object.defineProperty(file, "arrayBuffer", {
    value: async () => {
      await gate;
      return read();
    },
  });
  return { file, release };
}

const released = async (slow: { release: () => void }) => {
  await act(async () => {
    slow.release();
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
};

function renderForm() {
  render(<PromptForm onSubmit={() => undefined} defaultValue={{ model: "flux-2-klein-4b", prompt: "x" }} />);
}

describe("PromptForm's reference images while one is still being read", () => {
  it("an image removed meanwhile stays removed", async () => {
    const user = userEvent.setup();
    renderForm();
    await user.upload(fileInput(), pngFile("first.png"));
    await screen.findByRole("img", { name: "first.png" });
    const slow = slowFile("second.png");
    await user.upload(fileInput(), slow.file);
    await user.click(screen.getByRole("button", { name: /Remove first\.png/ }));
    await released(slow);
    await screen.findByRole("img", { name: "second.png" });
    expect(screen.queryByRole("img", { name: "first.png" })).toBeNull();
  });

  it("two picks in a row keep both images", async () => {
    const user = userEvent.setup();
    renderForm();
    const slow = slowFile("a.png");
    await user.upload(fileInput(), slow.file);
    await user.upload(fileInput(), pngFile("b.png"));
    await screen.findByRole("img", { name: "b.png" });
    await released(slow);
    await screen.findByRole("img", { name: "a.png" });
    expect(screen.getByRole("img", { name: "b.png" })).toBeInTheDocument();
  });

  it("a pasted image does not bring back one removed meanwhile", async () => {
    const user = userEvent.setup();
    renderForm();
    await user.upload(fileInput(), pngFile("first.png"));
    await screen.findByRole("img", { name: "first.png" });
    const slow = slowFile("pasted.png");
    fireEvent.paste(screen.getByRole("textbox", { name: "Prompt" }), {
      clipboardData: { files: [slow.file], getData: () => "" },
    });
    await user.click(screen.getByRole("button", { name: /Remove first\.png/ }));
    await released(slow);
    await screen.findByRole("img", { name: "pasted.png" });
    expect(screen.queryByRole("img", { name: "first.png" })).toBeNull();
  });
});
