import type { EndpointId } from "../bfl/endpoints";
import { defineModelInfo } from "./defineModelInfo";
import { OUTPUT_FORMATS, SAFETY_0_5, range } from "./fieldInfo";
import type { ExtraField, ModelCapabilities } from "./types";

// The FLUX Tools endpoints' facts (`/v1/flux-tools/…`): docs/bfl-api.md, 2026 addendum §5. Their schemas are in
// `fluxToolsSchema`.

/** Erase `dilate_pixels`: 0–25, default 10 (grows the mask before erasing). */
export const ERASE_DILATE = range(0, 25, 10);
/** Outpainting canvas side: at least 64 px (no upper bound documented; 8192 here as a UI bound). */
export const OUTPAINT_SIDE = range(64, 8192, 1024);
/** Outpainting `mode`: `high` (default; ~33 s, 20 credits) or `fast` (~3 s, 4.5 credits). */
export const OUTPAINT_MODES = ["high", "fast"] as const;

/* @__NO_SIDE_EFFECTS__ */
const toolCapabilities = (
  imageFields: readonly string[],
  extra: Partial<ModelCapabilities> & { readonly extraFields?: readonly ExtraField[] } = {},
): ModelCapabilities => ({
  textToImage: false,
  imageFields,
  imageRequired: true,
  mask: false,
  size: { kind: "none" },
  safetyTolerance: SAFETY_0_5,
  outputFormats: OUTPUT_FORMATS,
  defaultOutputFormat: "png",
  extraFields: [],
  ...extra,
});

/** A FLUX Tools model's info (a function, so bundlers drop the tools an app does not import). */
/* @__NO_SIDE_EFFECTS__ */
const tool = <const Id extends EndpointId>(
  id: Id,
  label: string,
  description: string,
  capabilities: ModelCapabilities,
) => defineModelInfo({ id, family: "flux-tools", label, description, capabilities });

/** Both try-on versions take a person and a garment and answer JPEG. */
const TRY_ON = /* @__PURE__ */ toolCapabilities(["person", "garment"], { defaultOutputFormat: "jpeg" });

/** fluxToolsErase's info, without its schema (see `getModelInfo`). */
export const fluxToolsEraseInfo = tool(
  "flux-tools/erase-v1",
  "FLUX Erase",
  "Remove what the mask covers (white) and fill the area in.",
  toolCapabilities(["image"], {
    mask: true,
    prompt: false,
    extraFields: [{ name: "dilate_pixels", kind: "integer", label: "Grow mask (px)", ...ERASE_DILATE }],
  }),
);

/** fluxToolsOutpainting's info, without its schema (see `getModelInfo`). */
export const fluxToolsOutpaintingInfo = tool(
  "flux-tools/outpainting-v1",
  "FLUX Outpaint",
  "Place the image on a larger canvas and paint the rest.",
  toolCapabilities(["input_image"], {
    strict: true,
    seed: false,
    webhooks: false,
    size: { kind: "dimensions", width: OUTPAINT_SIDE, height: OUTPAINT_SIDE },
    extraFields: [
      { name: "mode", kind: "choice", label: "Quality", options: OUTPAINT_MODES, default: "high" },
    ],
  }),
);

/** fluxToolsVtoV1's info, without its schema (see `getModelInfo`). */
export const fluxToolsVtoV1Info = tool(
  "flux-tools/vto-v1",
  "FLUX Virtual try-on v1",
  "Dress the person in image 1 in the garment of image 2 (superseded by v2).",
  TRY_ON,
);

/** fluxToolsVtoV2's info, without its schema (see `getModelInfo`). */
export const fluxToolsVtoV2Info = tool(
  "flux-tools/vto-v2",
  "FLUX Virtual try-on",
  "Dress the person in image 1 in the garment of image 2; up to 4 MP.",
  TRY_ON,
);

/** fluxToolsDeblur's info, without its schema (see `getModelInfo`). */
export const fluxToolsDeblurInfo = tool(
  "flux-tools/deblur-v1",
  "FLUX Deblur",
  "Sharpen a blurred photo.",
  toolCapabilities(["image"], { prompt: false }),
);
