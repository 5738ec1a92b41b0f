import { describe, expect, it } from "vitest";
import {
  IMAGE_ROUTE_PATH,
  MODELS_ROUTE_PATH,
  imageRouteUrl,
  isImageRouteUrl,
  modelsRouteBody,
  readModelIds,
} from "./proxyRoutes";

describe("the proxy's image route shape", () => {
  it("carries the image URL whole in `u`, recognisably, with extra query parameters kept", () => {
    const image = "https://delivery-eu1.bfl.ai/results/a.jpeg?se=2030-01-01T00%3A00%3A00Z&sig=a+b/c=";
    const routed = imageRouteUrl(
      `https://app.example/api/flux${IMAGE_ROUTE_PATH}`,
      image,
      "&exp=1893456000000",
    );
    const parsed = new URL(routed);
    expect(parsed.pathname).toBe("/api/flux/v1/image");
    expect(parsed.searchParams.get("u")).toBe(image);
    expect(parsed.searchParams.get("exp")).toBe("1893456000000");
    expect(isImageRouteUrl(routed)).toBe(true);
    expect(isImageRouteUrl(imageRouteUrl("/r/v1/image", image))).toBe(true);
    expect(isImageRouteUrl(image)).toBe(false);
  });
});

describe("the proxy's models route shape", () => {
  it("is written and read back in order, and anything else reads as no answer", () => {
    const ids = ["flux-2-pro", "flux-tools/erase-v1", "flux-2-klein-4b"];
    expect(MODELS_ROUTE_PATH).toBe("/v1/models");
    const body = modelsRouteBody(ids);
    expect(JSON.parse(body)).toEqual({ models: ids.map((id) => ({ id })) });
    expect(readModelIds(JSON.parse(body))).toEqual(ids);
    expect(readModelIds({ models: [] })).toEqual([]);
    for (const bad of [undefined, null, "x", [], {}, { models: {} }, { models: [null] }, { models: [{}] }])
      expect(readModelIds(bad)).toBeUndefined();
  });
});
