import { readImageSize } from "../image/imageSize";
import { validationError } from "../responses";

/**
 * Outpainting's `auto_crop: false` (the default): an input image that does not fit the canvas at its offset is
 * an error (docs/bfl-api.md Part II §5). BFL's wording is unknown; the mock answers a pydantic-style 422
 * `value_error` at `["body", "input_image"]`. Images it cannot size (URLs) pass.
 */
export function checkOutpainting(data: Readonly<Record<string, unknown>>): Response | undefined {
  if (data["auto_crop"] === true || typeof data["input_image"] !== "string") return undefined;
  const size = readImageSize(data["input_image"]);
  const width = data["width"];
  const height = data["height"];
  if (!size || typeof width !== "number" || typeof height !== "number") return undefined;
  const offset = (value: unknown, room: number) => (typeof value === "number" ? value : Math.round(room / 2));
  const left = offset(data["reference_offset_x"], width - size.width);
  const top = offset(data["reference_offset_y"], height - size.height);
  if (left >= 0 && top >= 0 && left + size.width <= width && top + size.height <= height) return undefined;
  return validationError([
    {
      type: "value_error",
      loc: ["body", "input_image"],
      msg: `Value error, the ${size.width} × ${size.height} image does not fit the ${width} × ${height} canvas at offset (${left}, ${top}); set auto_crop to crop it`,
      input: `<${data["input_image"].length} chars>`,
    },
  ]);
}
