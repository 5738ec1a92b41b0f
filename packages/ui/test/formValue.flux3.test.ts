import { describe, expect, it } from "vitest";
import { flux3Image } from "@flux-kit/core";
import { layoutRow, parseBoxPrompt } from "@flux-kit/core/boxes";
import { buildInput, valueForModel, type ReferenceImage } from "../src/formValue";
import { formValueOf } from "../src/StudioHistory";

const image = (n: number): ReferenceImage => ({
  id: `img-${n}`,
  src: `https://example.test/${n}.png`,
  name: `${n}.png`,
  bytes: 0,
});

describe("the form's request for FLUX 3 Image", () => {
  it("sends the references as the `images` list, and neither a seed nor a format (its schema refuses both)", () => {
    const value = {
      ...valueForModel("flux-3-image", { prompt: "a fox", seed: 7 }),
      images: [image(1), image(2)],
    };
    const input = buildInput(value);
    expect(input).toMatchObject({ prompt: "a fox", images: [image(1).src, image(2).src] });
    expect(input).not.toHaveProperty("seed");
    expect(input).not.toHaveProperty("output_format");
    expect(flux3Image.validate(input).success).toBe(true);
  });

  it("writes the layout's boxes into the prompt after the caption, as rows that read back", () => {
    const rows = [
      layoutRow("background_1", [0, 0, 1000, 1000], "A dusky sky."),
      layoutRow("silhouette_1", [150, 150, 850, 850], "A runner."),
    ];
    const value = {
      ...valueForModel("flux-3-image", { prompt: " A runner <silhouette_1> at dusk <background_1>. " }),
      boxes: rows,
    };
    const input = buildInput(value);
    const read = parseBoxPrompt(String(input.prompt));
    expect(read.caption).toBe("A runner <silhouette_1> at dusk <background_1>.");
    expect(read.rows).toEqual(rows);
    expect(flux3Image.validate(input).success).toBe(true);
  });

  it("keeps up to ten references on a switch to FLUX 3, and drops the boxes on a switch away from it", () => {
    const many = Array.from({ length: 12 }, (_, i) => image(i + 1));
    const flux3 = valueForModel("flux-3-image", {
      images: many,
      boxes: [layoutRow("a_1", [0, 0, 500, 500], "A.")],
    });
    expect(flux3.images).toHaveLength(10);
    expect(flux3.boxes).toHaveLength(1);
    const back = valueForModel("flux-2-pro", flux3);
    expect(back.images).toHaveLength(8);
    expect(back.boxes).toEqual([]);
    expect(buildInput(back).prompt).toBe("");
  });

  it("Use again reads a FLUX 3 request back: its `images` list and its rows out of the prompt", () => {
    const rows = [layoutRow("mug_1", [380, 560, 860, 900], "A white mug.")];
    const sent = buildInput({
      ...valueForModel("flux-3-image", { prompt: "A mug <mug_1>." }),
      images: [image(1), image(2)],
      boxes: rows,
    });
    const back = formValueOf("flux-3-image", sent);
    expect(back.prompt).toBe("A mug <mug_1>.");
    expect(back.boxes).toEqual(rows);
    expect(back.images.map((i) => i.src)).toEqual([image(1).src, image(2).src]);
    // and it sends the same request again
    expect(buildInput(back)).toEqual(sent);
  });

  it("boxes drawn on an auto frame with no picture send the square they were drawn on", () => {
    const drawn = {
      ...valueForModel("flux-3-image", { prompt: "A 16:9 poster <a_1>." }),
      boxes: [layoutRow("a_1", [0, 0, 500, 500], "A.")],
    };
    expect(drawn.aspectRatio).toBe("auto");
    expect(buildInput(drawn).aspect_ratio).toBe("1:1");
    expect(buildInput({ ...drawn, boxes: [] }).aspect_ratio).toBe("auto");
    expect(buildInput({ ...drawn, images: [image(1)] }).aspect_ratio).toBe("auto");
  });
});
