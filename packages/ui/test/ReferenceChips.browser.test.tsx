import axe from "axe-core";
import { useRef, useState } from "react";
import { expect, test, vi } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import type { ReferenceImage } from "../src/formValue";
import type { ReferenceChange } from "../src/mentions";
import { ReferenceChips } from "../src/ReferenceChips";
import { expectNoAxeViolations } from "./axe";
import "../src/styles.css";

// Real Chromium: real layout for the drop target, a real mouse drag, real key presses and focus, and axe with
// colour contrast.

/** A small square SVG as a data URL: an image that needs no network. */
const swatch = (id: string, colour: string): ReferenceImage => ({
  id,
  name: `${id}.png`,
  bytes: 1000,
  src: `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="${colour}"/></svg>`,
  )}`,
});
const FOX = swatch("fox", "#c2410c");
const HAT = swatch("hat", "#1e3a8a");
const SKY = swatch("sky", "#0e7490");

/** The chips beside the prompt field they name pictures in, inside a form, as PromptForm will hold them. */
function Form({
  initial,
  prompt: initialPrompt,
  onChange,
  onPromptChange,
}: {
  readonly initial: readonly ReferenceImage[];
  readonly prompt: string;
  readonly onChange: (images: ReferenceImage[], change: ReferenceChange) => void;
  readonly onPromptChange: (prompt: string) => void;
}) {
  const [images, setImages] = useState(initial);
  const [prompt, setPrompt] = useState(initialPrompt);
  const promptRef = useRef<HTMLTextAreaElement>(null);
  return (
    <div className="flux-form" style={{ width: 460 }}>
      <label className="flux-label" htmlFor="prompt">
        Prompt
      </label>
      <textarea
        id="prompt"
        className="flux-textarea"
        ref={promptRef}
        value={prompt}
        onChange={(e) => setPrompt(e.target.value)}
      />
      <ReferenceChips
        images={images}
        prompt={prompt}
        promptRef={promptRef}
        onChange={(next, change) => {
          setImages(next);
          onChange(next, change);
        }}
        onPromptChange={(next) => {
          setPrompt(next);
          onPromptChange(next);
        }}
      />
    </div>
  );
}

const setup = async (prompt: string, initial: readonly ReferenceImage[] = [FOX, HAT, SKY]) => {
  const onChange = vi.fn<(images: ReferenceImage[], change: ReferenceChange) => void>();
  const onPromptChange = vi.fn<(prompt: string) => void>();
  const screen = await render(
    <Form initial={initial} prompt={prompt} onChange={onChange} onPromptChange={onPromptChange} />,
  );
  const chip = (n: number, name: string) => screen.getByRole("button", { name: `image ${n}: ${name}` });
  const field = () => document.querySelector<HTMLTextAreaElement>("#prompt")!;
  return { screen, onChange, onPromptChange, chip, field };
};

test("a mouse drag moves a chip where it is dropped, and the prompt's mentions follow their pictures", async () => {
  const { onChange, onPromptChange, chip, field } = await setup(
    "image 1 wears the hat of image 2 under image 3",
  );
  await userEvent.dragAndDrop(chip(1, "fox.png"), chip(3, "sky.png"));

  expect(onChange.mock.calls).toEqual([[[HAT, SKY, FOX], { kind: "move", from: 0, to: 2 }]]);
  // a drag is not a click: no mention was inserted, only the renumbering
  expect(onPromptChange.mock.calls).toEqual([["image 3 wears the hat of image 1 under image 2"]]);
  await expect.element(chip(3, "fox.png")).toHaveFocus();
  expect(field().value).toBe("image 3 wears the hat of image 1 under image 2");
  const chips = [...document.querySelectorAll(".flux-ref")];
  expect(chips.map((li) => li.getAttribute("data-state"))).toEqual(["idle", "idle", "idle"]);
});

test("while dragging, the chip under the pointer shows which side the dragged one lands on", async () => {
  const { onChange, chip } = await setup("");
  const source = chip(3, "sky.png").element() as HTMLButtonElement;
  const target = chip(1, "fox.png").element() as HTMLButtonElement;
  const at = (el: Element) => {
    const box = el.getBoundingClientRect();
    return { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
  };
  // the pointer's own events, at the chips' real positions on the page
  const pointer = (type: string, point: { clientX: number; clientY: number }) =>
    source.dispatchEvent(
      new PointerEvent(type, {
        ...point,
        bubbles: true,
        pointerId: 1,
        pointerType: "mouse",
        isPrimary: true,
      }),
    );
  pointer("pointerdown", at(source));
  pointer("pointermove", at(target));
  const [first, , third] = [...document.querySelectorAll<HTMLElement>(".flux-ref")];
  await expect.element(first!).toHaveAttribute("data-drop", "before");
  expect(first).toHaveAttribute("data-state", "over");
  expect(third).toHaveAttribute("data-state", "dragging");
  expect(document.querySelector(".flux-refs")).toHaveAttribute("data-state", "reordering");
  // the marker sits in the gap before the chip it lands in front of
  const bar = getComputedStyle(first!, "::before");
  expect(bar.content).toBe('""');
  expect(bar.left).toBe("-6.5px");

  // Escape calls it off: nothing moves
  source.focus();
  await userEvent.keyboard("{Escape}");
  pointer("pointerup", at(target));
  await expect.element(first!).not.toHaveAttribute("data-drop");
  expect(onChange).not.toHaveBeenCalled();
});

test("from the keyboard: Alt+Arrow keys reorder (not the browser's Back), a click names the picture at the cursor", async () => {
  const { screen, onChange, onPromptChange, chip, field } = await setup(
    "A portrait of  in the style of image 3",
  );
  (chip(3, "sky.png").element() as HTMLElement).focus();
  await userEvent.keyboard("{Alt>}{ArrowLeft}{/Alt}");
  expect(onChange).toHaveBeenLastCalledWith([FOX, SKY, HAT], { kind: "move", from: 2, to: 1 });
  expect(onPromptChange).toHaveBeenLastCalledWith("A portrait of  in the style of image 2");
  await expect.element(chip(2, "sky.png")).toHaveFocus();
  await expect.element(screen.getByRole("status")).toHaveTextContent("Now image 2 of 3.");
  await userEvent.keyboard("{Alt>}{ArrowLeft}{/Alt}");
  await expect.element(chip(1, "sky.png")).toHaveFocus();
  expect(onPromptChange).toHaveBeenLastCalledWith("A portrait of  in the style of image 1");

  // a cursor between the two spaces, then a chip: the mention goes there, and typing carries on after it
  field().setSelectionRange(14, 14);
  await chip(2, "fox.png").click();
  await expect.element(field()).toHaveFocus();
  expect(field().value).toBe("A portrait of image 2 in the style of image 1");
  await userEvent.keyboard(", smiling");
  expect(field().value).toBe("A portrait of image 2, smiling in the style of image 1");
});

test("removing a named picture asks inline; axe finds nothing, in the light and the dark theme (contrast too)", async () => {
  const { screen, onChange } = await setup("image 2 beside image 3");
  await screen.getByRole("button", { name: "Remove image 2" }).click();
  await expect
    .element(screen.getByRole("group", { name: "The prompt names image 2. Remove it anyway?" }))
    .toBeVisible();
  await expect.element(screen.getByRole("button", { name: "Keep" })).toHaveFocus();
  const root = document.querySelector(".flux-form")!;
  await expectNoAxeViolations(root);

  for (const theme of ["light", "dark"]) {
    document.documentElement.setAttribute("data-flux-theme", theme);
    // the buttons ease into the new colours: measure once they are there
    await Promise.all(document.getAnimations().map((animation) => animation.finished));
    const results = await axe.run(root, { runOnly: ["color-contrast"] });
    expect(results.violations.flatMap((v) => v.nodes.map((n) => `${theme}: ${n.target.join(" ")}`))).toEqual(
      [],
    );
  }
  // the dark palette is in force on the chips
  expect(getComputedStyle(document.querySelector(".flux-ref")!).backgroundColor).toBe("rgb(25, 28, 35)");
  document.documentElement.removeAttribute("data-flux-theme");

  await userEvent.keyboard("{Escape}");
  await expect.element(screen.getByRole("button", { name: "Remove image 2" })).toHaveFocus();
  expect(onChange).not.toHaveBeenCalled();
});
