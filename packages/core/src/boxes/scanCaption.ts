// What a caption says about rows and pictures: the `<id>` citations, the `<ref_image_N>` tokens (references, not
// rows) and the pictures named in prose as "image N".

/** An element id as `validateBoxes` accepts it: BFL advises a short lowercase name and a number (`knight_1`);
 *  any `[a-z][a-z0-9_]*` passes, ComfyUI's `obj_1` too. */
export const ID_PATTERN = /^[a-z][a-z0-9_]*$/;

/** A `<token>` that looks meant as an id (letters, digits, `_`, `-`); `< 3 >` or `<3` are prose. */
const TOKEN = /<([A-Za-z][\w-]*)>/g;
const REF_TOKEN = /^ref_image_(\d+)$/;
const PROSE_IMAGE = /\bimage\s+(\d+)\b/gi;

/** What {@link scanCaption} finds, each list in order of first appearance, without repeats. */
export interface CaptionScan {
  /** Ids cited as `<id>` (not references), valid or not. */
  readonly cited: readonly string[];
  /** 0-based indexes of `<ref_image_N>` tokens, with the token text. */
  readonly references: readonly { readonly reference: string; readonly index: number }[];
  /** Picture numbers named in prose ("image 2", any case). */
  readonly imageNumbers: readonly number[];
}

/** Whether an id is a reference's name (`ref_image_N`), which rows may not take. */
export const isReferenceName = (id: string): boolean => REF_TOKEN.test(id);

/**
 * The citations, references and picture numbers of a caption.
 * @example scanCaption("In <ref_image_0>, move <plant_1> next to the lamp from image 2")
 * // { cited: ["plant_1"], references: [{ reference: "ref_image_0", index: 0 }], imageNumbers: [2] }
 */
export function scanCaption(caption: string): CaptionScan {
  const cited = new Set<string>();
  const references = new Map<string, number>();
  for (const [, token = ""] of caption.matchAll(TOKEN)) {
    const ref = REF_TOKEN.exec(token);
    if (ref) references.set(token, Number(ref[1]));
    else cited.add(token);
  }
  const imageNumbers = new Set([...caption.matchAll(PROSE_IMAGE)].map((match) => Number(match[1])));
  return {
    cited: [...cited],
    references: [...references].map(([reference, index]) => ({ reference, index })),
    imageNumbers: [...imageNumbers],
  };
}
