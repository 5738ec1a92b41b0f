import { createEvent, fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createRef, useRef, useState } from "react";
import { describe, expect, it, vi } from "vitest";
import type { ReferenceImage } from "../src/formValue";
import type { ReferenceChange } from "../src/mentions";
import { ReferenceChips, type ReferenceChipsProps } from "../src/ReferenceChips";

const image = (name: string): ReferenceImage => ({
  id: `id-${name}`,
  name,
  src: `https://cdn.example/${name}`,
  bytes: 0,
});
const FOX = image("fox.png");
const HAT = image("hat.png");
const SKY = image("sky.png");

type Spy = ReturnType<typeof vi.fn<(images: ReferenceImage[], change: ReferenceChange) => void>>;

/** A form's worth of state: the images and the prompt, with the prompt's textarea, as a parent would hold them. */
function Harness({
  images: initialImages,
  prompt: initialPrompt,
  onChange,
  onPromptChange,
  withField = true,
  onFormPaste,
  ...props
}: Partial<ReferenceChipsProps> & { readonly withField?: boolean; readonly onFormPaste?: () => void }) {
  const [images, setImages] = useState(initialImages ?? []);
  const [prompt, setPrompt] = useState(initialPrompt ?? "");
  const promptRef = useRef<HTMLTextAreaElement>(null);
  return (
    <div onPaste={onFormPaste}>
      {withField ? (
        <textarea
          aria-label="Prompt"
          ref={promptRef}
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
        />
      ) : null}
      <ReferenceChips
        {...props}
        images={images}
        prompt={prompt}
        promptRef={withField ? promptRef : undefined}
        onChange={(next, change) => {
          setImages(next);
          onChange?.(next, change);
        }}
        onPromptChange={(next) => {
          setPrompt(next);
          onPromptChange?.(next);
        }}
      />
    </div>
  );
}

const setup = (
  props: Partial<ReferenceChipsProps> & {
    readonly withField?: boolean;
    readonly onFormPaste?: () => void;
  } = {},
) => {
  const onChange: Spy = vi.fn();
  const onPromptChange = vi.fn<(prompt: string) => void>();
  const user = userEvent.setup();
  render(<Harness {...props} onChange={onChange} onPromptChange={onPromptChange} />);
  const field = screen.queryByRole<HTMLTextAreaElement>("textbox", { name: "Prompt" });
  const chip = (n: number) => screen.getByRole("button", { name: new RegExp(`^image ${n}: `) });
  return { onChange, onPromptChange, user, field, chip };
};

const png = () => new File([new Uint8Array([137, 80, 78, 71])], "new.png", { type: "image/png" });
/** A drop of files from the desktop: happy-dom has no DataTransfer, so the event gets a stand-in. */
const dropFiles = (target: Element, files: File[]) => {
  const event = createEvent.drop(target);
  Object.defineProperty(event, "dataTransfer", { value: { files, types: ["Files"] } });
  fireEvent(target, event);
};

describe("ReferenceChips", () => {
  it("numbers the chips as the prompt counts them, forwards its ref and passes other props through", () => {
    const ref = createRef<HTMLDivElement>();
    render(
      <ReferenceChips
        ref={ref}
        id="refs"
        images={[FOX, HAT]}
        onChange={vi.fn()}
        prompt=""
        onPromptChange={vi.fn()}
        className="mine"
        style={{ marginTop: 4 }}
        data-testid="refs"
      />,
    );
    const group = screen.getByRole("group", { name: "Reference images" });
    expect(ref.current).toBe(group);
    expect(group).toHaveAttribute("id", "refs");
    expect(group).toHaveClass("flux-refs", "mine");
    expect(group).toHaveStyle({ marginTop: "4px" });
    expect(group).toHaveAttribute("data-testid", "refs");
    expect(group).toHaveAttribute("data-state", "idle");
    const chips = within(screen.getByRole("list")).getAllByRole("listitem");
    expect(chips.map((c) => c.textContent)).toEqual(["image 1×", "image 2×"]);
    expect(screen.getByRole("button", { name: "image 2: hat.png" })).toHaveAccessibleDescription(
      /Click an image to name it in the prompt\. Drag it, or press Alt\+Left or Alt\+Right, to reorder\./,
    );
    expect(screen.getByRole("button", { name: "Remove image 1" })).toBeEnabled();
    expect(screen.getByRole("button", { name: "Add image" })).toBeEnabled();
  });

  it("a click names the picture at the prompt's cursor, replacing a selection, and puts the cursor after it", async () => {
    const { onPromptChange, user, field, chip } = setup({
      images: [FOX, HAT],
      prompt: "Put the hat from on a fox",
    });
    field!.setSelectionRange(17, 17);
    await user.click(chip(2));
    expect(onPromptChange).toHaveBeenLastCalledWith("Put the hat from image 2 on a fox");
    expect(field).toHaveFocus();
    expect([field!.selectionStart, field!.selectionEnd]).toEqual([24, 24]);
    // select "a fox" and name image 1 in its place
    field!.setSelectionRange(28, 33);
    await user.click(chip(1));
    expect(onPromptChange).toHaveBeenLastCalledWith("Put the hat from image 2 on image 1");
    expect(field!.selectionStart).toBe(35);
  });

  it("with no prompt field, a click adds the mention at the end", async () => {
    const { onPromptChange, user, chip } = setup({
      images: [FOX],
      prompt: "A portrait of",
      withField: false,
    });
    await user.click(chip(1));
    expect(onPromptChange).toHaveBeenCalledWith("A portrait of image 1");
  });

  it("Alt+Arrow keys reorder: the change is reported, the prompt's mentions follow, focus stays, the move is said", async () => {
    const { onChange, onPromptChange, user, chip } = setup({
      images: [FOX, HAT, SKY],
      prompt: "image 1 wears the hat of image 2 under <ref_image_2>",
    });
    chip(1).focus();
    await user.keyboard("{Alt>}{ArrowRight}{/Alt}");
    expect(onChange).toHaveBeenLastCalledWith([HAT, FOX, SKY], { kind: "move", from: 0, to: 1 });
    expect(onPromptChange).toHaveBeenLastCalledWith("image 2 wears the hat of image 1 under <ref_image_2>");
    expect(screen.getByRole("button", { name: "image 2: fox.png" })).toHaveFocus();
    expect(screen.getByRole("status")).toHaveTextContent("Now image 2 of 3.");

    await user.keyboard("{Alt>}{ArrowRight}{/Alt}");
    expect(onChange).toHaveBeenLastCalledWith([HAT, SKY, FOX], { kind: "move", from: 1, to: 2 });
    expect(onPromptChange).toHaveBeenLastCalledWith("image 3 wears the hat of image 1 under <ref_image_1>");
    expect(screen.getByRole("button", { name: "image 3: fox.png" })).toHaveFocus();
    // past the end: nothing moves; a plain arrow is not a move either
    await user.keyboard("{Alt>}{ArrowRight}{/Alt}{ArrowLeft}");
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(onPromptChange).toHaveBeenCalledTimes(2);
  });

  it("removing a picture the prompt does not name renumbers the later mentions and focuses the next chip, else Add", async () => {
    const { onChange, onPromptChange, user } = setup({
      images: [FOX, HAT, SKY],
      prompt: "image 1 under image 3",
    });
    await user.click(screen.getByRole("button", { name: "Remove image 2" }));
    expect(onChange).toHaveBeenLastCalledWith([FOX, SKY], { kind: "remove", index: 1 });
    expect(onPromptChange).toHaveBeenLastCalledWith("image 1 under image 2");
    expect(screen.getByRole("button", { name: "image 2: sky.png" })).toHaveFocus();
    expect(screen.getByRole("status")).toHaveTextContent("Image 2 removed.");
    expect(screen.queryByRole("button", { name: "Keep" })).toBeNull();

    // the last chip has no next chip: focus goes to Add
    onPromptChange.mockClear();
    await user.click(screen.getByRole("button", { name: "Remove image 2" })); // names image 2 now: asks
    await user.click(screen.getByRole("button", { name: "Remove" }));
    expect(onChange).toHaveBeenLastCalledWith([FOX], { kind: "remove", index: 1 });
    expect(onPromptChange).not.toHaveBeenCalled(); // no later mention to renumber; image 2's is left
    expect(screen.getByRole("button", { name: "Add image" })).toHaveFocus();
  });

  it("removing a picture the prompt names asks first, inline; Keep (or Escape) leaves everything as it was", async () => {
    const { onChange, onPromptChange, user } = setup({
      images: [FOX, HAT, SKY],
      prompt: "Image 2 beside image 3",
    });
    await user.click(screen.getByRole("button", { name: "Remove image 2" }));
    const question = screen.getByRole("group", { name: "The prompt names image 2. Remove it anyway?" });
    expect(within(question).getByRole("button", { name: "Keep" })).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(screen.queryByRole("group", { name: /Remove it anyway/ })).toBeNull();
    expect(screen.getByRole("button", { name: "Remove image 2" })).toHaveFocus();
    await user.keyboard("{Enter}");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("group", { name: /Remove it anyway/ })).toBeNull();
    expect(onChange).not.toHaveBeenCalled();
    expect(onPromptChange).not.toHaveBeenCalled();

    await user.keyboard("{Enter}");
    await user.click(screen.getByRole("button", { name: "Remove" }));
    expect(onChange).toHaveBeenLastCalledWith([FOX, SKY], { kind: "remove", index: 1 });
    // the mention of the removed picture is left, the later one follows its picture
    expect(onPromptChange).toHaveBeenLastCalledWith("Image 2 beside image 2");
    expect(screen.getByRole("button", { name: "image 2: sky.png" })).toHaveFocus();
  });

  it("adds picked, dropped and pasted files, and says why one is refused", async () => {
    // the surrounding form (PromptForm) adds pasted images too: a paste on the chips is theirs alone
    const formPaste = vi.fn();
    const { onChange, user } = setup({ images: [FOX], onFormPaste: formPaste });
    await user.upload(document.querySelector<HTMLInputElement>('input[type="file"]')!, png());
    expect(await screen.findByRole("button", { name: "image 2: new.png" })).toBeInTheDocument();
    expect(onChange).toHaveBeenLastCalledWith(
      [FOX, expect.objectContaining({ name: "new.png", src: "data:image/png;base64,iVBORw==", bytes: 4 })],
      { kind: "add" },
    );

    const group = screen.getByRole("group", { name: "Reference images" });
    dropFiles(group, [new File(["text"], "notes.txt", { type: "text/plain" })]);
    expect(await screen.findByRole("alert")).toHaveTextContent("notes.txt: This file is not an image.");
    expect(group).toHaveAttribute("data-invalid", "");
    expect(group).toHaveAccessibleDescription("notes.txt: This file is not an image.");
    expect(onChange).toHaveBeenCalledTimes(1);

    fireEvent.paste(screen.getByRole("button", { name: "image 1: fox.png" }), {
      clipboardData: { files: [png()] },
    });
    expect(await screen.findByRole("button", { name: "image 3: new.png" })).toBeInTheDocument();
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(formPaste).not.toHaveBeenCalled();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("at max, Add is off and a drop is refused, saying the limit", async () => {
    const { onChange } = setup({ images: [FOX, HAT], max: 2 });
    const group = screen.getByRole("group", { name: "Reference images" });
    expect(group).toHaveAttribute("data-state", "full");
    expect(screen.getByRole("button", { name: "Add image" })).toBeDisabled();
    dropFiles(group, [png()]);
    expect(await screen.findByRole("alert")).toHaveTextContent("This model takes at most 2 images.");
    expect(onChange).not.toHaveBeenCalled();
  });

  it("disabled: every control is off and drops are ignored; an error from the form is shown and describes it", () => {
    const onChange = vi.fn();
    render(
      <ReferenceChips
        images={[FOX]}
        onChange={onChange}
        prompt=""
        onPromptChange={vi.fn()}
        disabled
        error="Image 1 is too small."
        labels={{ addImage: "Ajouter", remove: (n) => `Retirer l’image ${n}` }}
      />,
    );
    const group = screen.getByRole("group", { name: "Reference images" });
    expect(group).toHaveAttribute("data-disabled", "");
    for (const button of screen.getAllByRole("button")) expect(button).toBeDisabled();
    expect(screen.getByRole("button", { name: "Retirer l’image 1" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Ajouter" })).toBeDisabled();
    dropFiles(group, [png()]);
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByRole("alert")).toHaveTextContent("Image 1 is too small.");
    expect(group).toHaveAccessibleDescription("Image 1 is too small.");
  });
});
