import type { GridBox, LayoutRow } from "./BoxRow";

/**
 * A row of a new image's layout: the element the caption cites as `<id>`, drawn as `desc` in `bbox`. Fields in
 * BFL's order (`id`, `bbox`, `desc`); the box is copied. Nothing is checked here: `validateBoxes` does that.
 * @param id the element's id, a short lowercase name plus a number (`"mug_1"`), cited in the caption as `<mug_1>`
 * @param bbox `[top, left, bottom, right]` on the 0–1000 grid (`toGridBox` converts pixels)
 * @param desc what to draw there; quote the words of a text element
 * @example
 * const rows = [
 *   layoutRow("background_1", [0, 0, 1000, 1000], "A dusky orange sky over a flat plain."),
 *   layoutRow("silhouette_1", [150, 150, 850, 850], "The black silhouette of a runner mid-stride."),
 * ];
 */
export function layoutRow(id: string, bbox: GridBox, desc: string): LayoutRow {
  return { id, bbox: copy(bbox), desc };
}

/** A fresh tuple, so a row never shares a box array with its caller. */
export const copy = (box: GridBox): GridBox => [box[0], box[1], box[2], box[3]];
