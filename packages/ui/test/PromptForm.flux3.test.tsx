import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { layoutRow, parseBoxPrompt, refImage, takeRow } from "@flux-kit/core/boxes";
import { describe, expect, it, vi } from "vitest";
import { PromptForm } from "../src/PromptForm";
import type { PromptFormRequest } from "../src/formValue";
import { expectNoAxeViolations } from "./axe";
import { pngFile } from "./fixtures";

const submitted = (onSubmit: ReturnType<typeof vi.fn>) =>
  (onSubmit.mock.calls.at(-1)![0] as PromptFormRequest).input;

describe("PromptForm with FLUX 3 Image", () => {
  it("switches to FLUX 3's own fields: references as chips, ratios with auto explained, tiers with size and price", async () => {
    const user = userEvent.setup();
    const { container } = render(
      <PromptForm onSubmit={() => undefined} defaultValue={{ model: "flux-2-pro", prompt: "a fox" }} />,
    );
    expect(screen.getByRole("group", { name: "Size" })).toBeInTheDocument();
    await user.selectOptions(screen.getByRole("combobox", { name: "Model" }), "flux-3-image");
    const tiers = await screen.findByRole("group", { name: "Resolution" });
    // FLUX 3 is sized by ratio and tier: no width and height, no seed, no format
    expect(screen.queryByRole("group", { name: "Size" })).toBeNull();
    expect(within(tiers).getByRole("radio", { name: /^1k 1 MP · ≈ 4\.8 credits$/ })).toBeChecked();
    expect(within(tiers).getByRole("radio", { name: /^2k 4\.2 MP · ≈ 10 credits$/ })).toBeInTheDocument();
    const ratio = screen.getByRole("combobox", { name: "Aspect ratio" });
    expect(ratio).toHaveValue("auto");
    expect(ratio).toHaveAccessibleDescription("Auto follows a ratio the prompt asks for, else square.");
    expect(screen.getByRole("button", { name: "Add image" })).toBeInTheDocument();
    // the price of the request beside Generate, which it describes
    expect(await screen.findByText("≈ 4.8 credits")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Generate" })).toHaveAccessibleDescription("≈ 4.8 credits");
    await user.click(within(tiers).getByRole("radio", { name: /^2k/ }));
    expect(await screen.findByText("≈ 10 credits")).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it("sends the references as `images` and the tier, with no seed or format; a chip names its image in the prompt", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    render(
      <PromptForm onSubmit={onSubmit} defaultValue={{ model: "flux-3-image", prompt: "the hat from" }} />,
    );
    const add = await screen.findByRole("button", { name: "Add image" });
    const picker = add.closest(".flux-refs")!.querySelector<HTMLInputElement>("input[type=file]")!;
    await user.upload(picker, [pngFile("room.png", 640, 480), pngFile("hat.png", 512, 512)]);
    const hat = await screen.findByRole("button", { name: "image 2: hat.png" });
    const prompt = screen.getByRole("textbox", { name: "Prompt" });
    await user.click(prompt);
    await user.keyboard("{End}");
    await user.click(hat);
    expect(prompt).toHaveValue("the hat from image 2");
    await user.click(screen.getByRole("radio", { name: /^1\.5k/ }));
    await user.click(screen.getByRole("button", { name: "Generate" }));
    const input = submitted(onSubmit);
    expect(input).toMatchObject({ prompt: "the hat from image 2", aspect_ratio: "auto", resolution: "1.5k" });
    expect(input.images).toEqual([expect.stringMatching(/^data:image\/png;base64,/), expect.any(String)]);
    expect(input).not.toHaveProperty("seed");
    expect(input).not.toHaveProperty("output_format");
    expect(input).not.toHaveProperty("input_image");
  });

  it("offers grounding and a safety tolerance of 0–4 in Advanced, and sends what is set; auto then follows image 1", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    const { container } = render(
      <PromptForm onSubmit={onSubmit} defaultValue={{ model: "flux-3-image", prompt: "a lighthouse" }} />,
    );
    const ratio = await screen.findByRole("combobox", { name: "Aspect ratio" });
    await user.click(screen.getByText("Advanced settings"));
    const grounding = await screen.findByRole("checkbox", { name: "Research the prompt first (grounding)" });
    expect(grounding).toBeChecked();
    const safety = screen.getByRole("slider", { name: /^Safety tolerance: 2$/ });
    expect(safety).toHaveAttribute("min", "0");
    expect(safety).toHaveAttribute("max", "4");
    expect(safety).toHaveAccessibleDescription(/\(0–4\)$/);
    // FLUX 3 takes neither a seed nor a format
    expect(screen.queryByRole("spinbutton", { name: "Seed" })).toBeNull();
    expect(screen.queryByRole("combobox", { name: "Output format" })).toBeNull();
    await user.click(grounding);
    fireEvent.change(safety, { target: { value: "4" } });
    expect(screen.getByRole("slider", { name: /^Safety tolerance: 4$/ })).toBeInTheDocument();
    await expectNoAxeViolations(container);
    // with a reference, "auto" keeps image 1's framing
    const add = screen.getByRole("button", { name: "Add image" });
    const picker = add.closest(".flux-refs")!.querySelector<HTMLInputElement>("input[type=file]")!;
    await user.upload(picker, [pngFile("room.png", 640, 480)]);
    await screen.findByRole("button", { name: "image 1: room.png" });
    expect(ratio).toHaveAccessibleDescription(
      "Auto keeps image 1's framing, unless the prompt asks for a ratio.",
    );
    await user.click(screen.getByRole("button", { name: "Generate" }));
    expect(submitted(onSubmit)).toMatchObject({
      grounding: false,
      safety_tolerance: 4,
      aspect_ratio: "auto",
    });
  });

  it("writes the layout drawn in the editor into the prompt after the caption", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    render(<PromptForm onSubmit={onSubmit} defaultValue={{ model: "flux-3-image", prompt: "A poster." }} />);
    await user.click(await screen.findByRole("button", { name: "Draw a layout" }));
    await user.click(await screen.findByRole("button", { name: "Add box" }));
    await user.click(screen.getByRole("button", { name: "Cite box_1 in the prompt" }));
    expect(screen.getByRole("textbox", { name: "Prompt" })).toHaveValue("A poster. <box_1>");
    await user.type(screen.getByRole("textbox", { name: "Description" }), "A red square.");
    await user.click(screen.getByRole("button", { name: "Generate" }));
    const read = parseBoxPrompt(String(submitted(onSubmit).prompt));
    expect(read.caption).toBe("A poster. <box_1>");
    // the request says the prompt as typed, to name it by
    expect(onSubmit.mock.calls.at(-1)![0].caption).toBe("A poster. <box_1>");
    expect(read.rows).toEqual([expect.objectContaining({ id: "box_1", desc: "A red square." })]);
  });

  it("sends no layout with problems: a box the caption does not cite is said, and the submit waits for the fix", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    render(<PromptForm onSubmit={onSubmit} defaultValue={{ model: "flux-3-image", prompt: "A poster." }} />);
    await user.click(await screen.findByRole("button", { name: "Draw a layout" }));
    await user.click(await screen.findByRole("button", { name: "Add box" }));
    await user.click(screen.getByRole("button", { name: "Generate" }));
    expect(await screen.findByText("The layout has 1 problem.")).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Cite box_1 in the prompt" }));
    expect(screen.queryByText("The layout has 1 problem.")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Generate" }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it("a reorder keeps the new order and renumbers the prompt with it (both changes land, not just the last)", async () => {
    const user = userEvent.setup();
    render(
      <PromptForm
        onSubmit={() => undefined}
        defaultValue={{ model: "flux-3-image", prompt: "the hat of image 1" }}
      />,
    );
    const add = await screen.findByRole("button", { name: "Add image" });
    const picker = add.closest(".flux-refs")!.querySelector<HTMLInputElement>("input[type=file]")!;
    await user.upload(picker, [pngFile("room.png", 640, 480), pngFile("hat.png", 512, 512)]);
    const room = await screen.findByRole("button", { name: "image 1: room.png" });
    room.focus();
    await user.keyboard("{Alt>}{ArrowRight}{/Alt}");
    expect(await screen.findByRole("button", { name: "image 1: hat.png" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "image 2: room.png" })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Prompt" })).toHaveValue("the hat of image 2");
  });

  it("removing a picture a box row takes from asks first, and its rows go with it; image 1 stays first", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    const images = ["room", "lamp", "plant"].map((name) => ({
      id: name,
      src: `https://example.test/${name}.png`,
      name: `${name}.png`,
      bytes: 0,
    }));
    const rows = [
      takeRow({
        id: "lamp_1",
        from: refImage(2),
        src: [0, 0, 1000, 1000],
        tgt: [100, 100, 400, 400],
        desc: "A lamp.",
      }),
      takeRow({
        id: "plant_1",
        from: refImage(3),
        src: [0, 0, 1000, 1000],
        tgt: [500, 500, 900, 900],
        desc: "A plant.",
      }),
    ];
    render(
      <PromptForm
        onSubmit={onSubmit}
        defaultValue={{ model: "flux-3-image", prompt: "Add <lamp_1> and <plant_1>.", images, boxes: rows }}
      />,
    );
    await user.click(await screen.findByRole("button", { name: "Remove image 2" }));
    expect(
      screen.getByText("The layout takes from image 2; its boxes go with it. Remove it anyway?"),
    ).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Remove" }));
    expect(screen.getByRole("button", { name: "image 2: plant.png" })).toBeInTheDocument();
    // image 1 is the edited picture: a move would change what the rows mean
    screen.getByRole("button", { name: "image 1: room.png" }).focus();
    await user.keyboard("{Alt>}{ArrowRight}{/Alt}");
    expect(screen.getByRole("button", { name: "image 1: room.png" })).toBeInTheDocument();
    await user.clear(screen.getByRole("textbox", { name: "Prompt" }));
    await user.type(screen.getByRole("textbox", { name: "Prompt" }), "Add <plant_1>.");
    await user.click(screen.getByRole("button", { name: "Generate" }));
    const read = parseBoxPrompt(String(submitted(onSubmit).prompt));
    expect(read.rows).toEqual([expect.objectContaining({ id: "plant_1", from: "ref_image_1" })]);
    expect(submitted(onSubmit).images).toEqual([images[0]!.src, images[2]!.src]);
  });

  it("rows that come from elsewhere show the editor and are checked before anything is sent", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    const bad = [
      layoutRow("Bad Id", [0, 0, 500, 500], "A."),
      layoutRow("Bad Id", [900, 900, 800, 800], "B."),
    ];
    render(
      <PromptForm
        onSubmit={onSubmit}
        defaultValue={{ model: "flux-3-image", prompt: "A <Bad Id>.", boxes: bad }}
      />,
    );
    expect(await screen.findByRole("button", { name: "Add box" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Generate" }));
    expect(await screen.findByText(/^The layout has \d+ problems\.$/)).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("a new layout's caption may name its reference (image 1): no problem is reported", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    const images = [{ id: "s", src: "https://example.test/style.png", name: "style.png", bytes: 0 }];
    render(
      <PromptForm
        onSubmit={onSubmit}
        defaultValue={{
          model: "flux-3-image",
          prompt: "In the style of image 1 <box_1>",
          images,
          boxes: [layoutRow("box_1", [100, 100, 600, 600], "A fox.")],
        }}
      />,
    );
    await screen.findByRole("button", { name: "Add box" });
    await user.click(screen.getByRole("button", { name: "Generate" }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });
});
