import { firstLoadLabels, type FluxLabels } from "./labels";

/**
 * Every string `ReferenceChips` shows or announces; pass a partial object as its `labels` to translate or reword.
 * Pictures are named as the prompt names them, "image 1" first. The refusals of a file come from `FluxLabels`
 * (the same words `ImageInput` uses).
 * @example <ReferenceChips labels={{ addImage: "Ajouter une image", remove: (n) => `Retirer l’image ${n}` }} … />
 */
export interface ReferenceChipsLabels extends Pick<
  FluxLabels,
  "imageTooLarge" | "imageTooManyPixels" | "imageNotAnImage" | "imageLimitReached"
> {
  /** The chips' group, for assistive technology. */
  group: string;
  /** A chip's accessible name: its number as the prompt says it, first, then the file name. */
  chip: (n: number, name: string) => string;
  /** Shown under the chips, and describes each: what a click does, how to reorder. */
  chipHint: string;
  /** The file picker's button. */
  addImage: string;
  /** A chip's remove button. */
  remove: (n: number) => string;
  /** Asked before removing a picture the prompt names (its mentions would then name another picture). */
  confirmRemove: (n: number) => string;
  /** Asked before removing a picture something else uses (FLUX 3's box rows take from it; they go with it). */
  confirmRemoveUsed: (n: number) => string;
  /** Said when a move would take image 1 from the front while the layout edits it. */
  firstPinned: string;
  confirmRemoveYes: string;
  confirmRemoveNo: string;
  /** Announced after a reorder: where the picture is now. */
  moved: (n: number, count: number) => string;
  /** Announced after a removal. */
  removed: (n: number) => string;
}

const { imageTooLarge, imageTooManyPixels, imageNotAnImage, imageLimitReached } =
  /* @__PURE__ */ firstLoadLabels(undefined);

/** The English defaults of {@link ReferenceChipsLabels}. */
export const referenceChipsLabels: ReferenceChipsLabels = {
  imageTooLarge,
  imageTooManyPixels,
  imageNotAnImage,
  imageLimitReached,
  group: "Reference images",
  chip: (n, name) => `image ${n}: ${name}`,
  chipHint: "Click an image to name it in the prompt. Drag it, or press Alt+Left or Alt+Right, to reorder.",
  addImage: "Add image",
  remove: (n) => `Remove image ${n}`,
  confirmRemove: (n) => `The prompt names image ${n}. Remove it anyway?`,
  confirmRemoveUsed: (n) => `The layout takes from image ${n}; its boxes go with it. Remove it anyway?`,
  firstPinned: "Image 1 stays first: it is the picture the layout edits.",
  confirmRemoveYes: "Remove",
  confirmRemoveNo: "Keep",
  moved: (n, count) => `Now image ${n} of ${count}.`,
  removed: (n) => `Image ${n} removed.`,
};
