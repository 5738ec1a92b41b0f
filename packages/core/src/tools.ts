/**
 * `@flux-kit/core/tools`: the FLUX Tools endpoints (`/v1/flux-tools/…`) as model definitions, for
 * `client.submit(fluxToolsErase, { image, mask })`. Also in the catalogue by id (`"flux-tools/erase-v1"`).
 * @packageDocumentation
 */
export {
  fluxToolsDeblur,
  fluxToolsErase,
  fluxToolsOutpainting,
  fluxToolsVtoV1,
  fluxToolsVtoV2,
  type FluxDeblurInputSchema,
  type FluxEraseInputSchema,
  type FluxOutpaintingInputSchema,
  type FluxTryOnInputSchema,
} from "./models/fluxTools";
