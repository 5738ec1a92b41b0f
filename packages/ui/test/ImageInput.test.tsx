import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createRef } from "react";
import { describe, expect, it, vi } from "vitest";
import { ImageInput } from "../src/ImageInput";
import type { ReferenceImage } from "../src/formValue";
import { defaultLabels } from "../src/defaultLabels";

const image: ReferenceImage = { id: "i1", name: "fox.png", src: "https://cdn.example/fox.png", bytes: 0 };

describe("ImageInput on its own", () => {
  it("forwards its ref to the fieldset and passes other fieldset props through", async () => {
    const ref = createRef<HTMLFieldSetElement>();
    const onChange = vi.fn();
    render(
      <ImageInput
        ref={ref}
        id="refs"
        name="images"
        legend="Reference images"
        images={[image]}
        max={2}
        onChange={onChange}
        labels={defaultLabels}
        className="mine"
        style={{ marginTop: 4 }}
        data-testid="refs"
        title="Your references"
      />,
    );
    const group = screen.getByRole("group", { name: "Reference images" });
    expect(ref.current).toBe(group);
    expect(group).toHaveClass("flux-field", "flux-images", "mine");
    expect(group).toHaveStyle({ marginTop: "4px" });
    expect(group).toHaveAttribute("data-testid", "refs");
    expect(group).toHaveAttribute("title", "Your references");
    // its own behaviour is unchanged
    await userEvent.setup().click(screen.getByRole("button", { name: defaultLabels.removeImage("fox.png") }));
    expect(onChange).toHaveBeenCalledWith([]);
  });
});
