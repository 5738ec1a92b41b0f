/**
 * `@flux-kit/core/boxes`: FLUX 3 Image's bounding boxes, which live in the prompt (docs/bfl-api.md Part II
 * §2.7–§2.8). Row builders, pixel ↔ grid conversion, composing and parsing prompts, and a validator with issues a
 * UI can show. Pure functions, no zod: small enough for a browser's box editor.
 * @packageDocumentation
 */

export type {
  BoxPrompt,
  BoxRow,
  ChangeRow,
  EditRow,
  EditRowKind,
  GridBox,
  LayoutRow,
  PlacedRow,
  RefImage,
  RefImageIndex,
  RemoveRow,
} from "./BoxRow";
export { isLayoutRow } from "./BoxRow";
export {
  MAX_REFERENCES,
  imageNumber,
  isRefImage,
  refImage,
  type ImageNumber,
  type RefImageFor,
} from "./refImage";

// builders
export { layoutRow } from "./layoutRow";
export {
  changeRow,
  keepRow,
  moveRow,
  removeRow,
  takeRow,
  type ChangeRowOptions,
  type EditedImage,
  type InPlaceRowOptions,
  type OtherImage,
  type PlaceRowOptions,
} from "./editRow";
export { editRowKind } from "./editRowKind";

// pixels
export {
  GRID_MAX,
  toGridBox,
  type PixelBox,
  type PixelEdges,
  type PixelFrame,
  type PixelRect,
} from "./toGridBox";
export { toPixelBox, type PixelBoxOnFrame } from "./toPixelBox";

// prompts
export { BoxPromptError, composeBoxPrompt, type BoxPromptErrorCode } from "./composeBoxPrompt";
export { serializeRows } from "./serializeRows";
export { parseBoxPrompt, type BoxPromptKind, type ParsedBoxPrompt } from "./parseBoxPrompt";
export {
  DEFAULT_MIN_SIDE_PX,
  validateBoxes,
  type BoxValidation,
  type ValidateBoxesOptions,
} from "./validateBoxes";
export type * from "./BoxIssue";
