import { describe, expect, it } from "vitest";
import { kitchenEditBody, posterBody, runnerCaption } from "../../test/boxExamples";
import { composeBoxPrompt } from "./composeBoxPrompt";
import { changeRow, keepRow, moveRow, removeRow, takeRow } from "./editRow";
import { layoutRow } from "./layoutRow";
import { refImage } from "./refImage";
import { validateBoxes } from "./validateBoxes";

describe("validateBoxes on BFL's examples", () => {
  it("the runner layout is clean", () => {
    const rows = [
      layoutRow("background_1", [0, 0, 1000, 1000], "A dusky orange sky."),
      layoutRow("silhouette_1", [150, 150, 850, 850], "A runner's silhouette."),
    ];
    const result = validateBoxes({ caption: runnerCaption, rows }, { frame: { width: 1024, height: 1024 } });
    expect(result).toMatchObject({ valid: true, kind: "layout", errors: [], warnings: [] });
    expect(validateBoxes(composeBoxPrompt(runnerCaption, rows))).toMatchObject({ valid: true, errors: [] });
  });

  it("§2.9's poster is clean at its 16:9 2k size", () => {
    const result = validateBoxes(posterBody.prompt, { frame: { width: 2736, height: 1536 } });
    expect(result).toMatchObject({ valid: true, kind: "layout", errors: [], warnings: [] });
    expect(result.rows).toHaveLength(4);
  });

  it("§2.9's edit is clean with its two pictures", () => {
    const result = validateBoxes(kitchenEditBody.prompt, {
      images: kitchenEditBody.images,
      frame: { width: 1024, height: 1024 },
    });
    expect(result).toMatchObject({ valid: true, kind: "edit", errors: [], warnings: [] });
  });

  it("§2.9's edit, rebuilt with the builders, is the same prompt", () => {
    const kitchen = refImage(1);
    const rows = [
      keepRow({
        id: "window_1",
        from: kitchen,
        box: [40, 300, 520, 700],
        desc: "The kitchen window with white frame and the garden behind it.",
      }),
      changeRow({
        id: "kettle_1",
        box: [560, 120, 860, 330],
        desc: "A matte red enamel kettle with a black handle, same size and place as the old kettle.",
      }),
      moveRow({
        id: "plant_1",
        from: kitchen,
        src: [500, 40, 860, 180],
        tgt: [500, 820, 860, 960],
        desc: "The potted basil plant in a terracotta pot.",
      }),
      removeRow({ id: "mug_1", from: kitchen, box: [700, 520, 860, 620], desc: "A blue mug." }),
      takeRow({
        id: "lamp_1",
        from: refImage(2),
        src: [80, 250, 920, 750],
        tgt: [260, 640, 700, 800],
        desc: "The brass table lamp from the second picture, lit, standing on the counter.",
      }),
    ];
    const caption = kitchenEditBody.prompt.slice(0, kitchenEditBody.prompt.indexOf(" [{"));
    expect(composeBoxPrompt(caption, rows)).toBe(kitchenEditBody.prompt);
  });
});
