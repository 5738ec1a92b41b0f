import { modelIds } from "@flux-kit/core";
import { describe, expect, it } from "vitest";
import { FluxProxyConfigError } from "./FluxProxyConfigError";
import { modelRoutes } from "./modelRoutes";
import { matchRoute } from "./route";

const UP = "https://api.bfl.ai";

describe("modelRoutes", () => {
  it("routes each allowlisted id, slashes included, by its exact path, to a URL made from the id", () => {
    const routes = modelRoutes(["flux-2-pro", "flux-tools/erase-v1", "flux-tools/video-edit-v1"], UP);
    expect(routes.get("/v1/flux-tools/erase-v1")?.model).toEqual({
      id: "flux-tools/erase-v1",
      enabled: true,
      upstreamUrl: "https://api.bfl.ai/v1/flux-tools/erase-v1",
    });
    // an id outside the catalogue may be allowlisted: BFL answers for it
    expect(routes.get("/v1/flux-tools/video-edit-v1")?.model.enabled).toBe(true);
  });

  it("keeps the rest of the catalogue routable but disabled, for a 403 rather than a 404", () => {
    const routes = modelRoutes(["flux-2-pro"], UP);
    for (const id of modelIds) {
      expect(routes.get(`/v1/${id}`)?.model).toMatchObject({ id, enabled: id === "flux-2-pro" });
    }
    expect(routes.size).toBe(modelIds.length);
  });

  it("enables the whole catalogue by default", () => {
    const routes = modelRoutes(undefined, UP);
    expect([...routes.values()].map((r) => r.model.id).sort()).toEqual([...modelIds].sort());
    expect([...routes.values()].every((r) => r.model.enabled)).toBe(true);
  });

  it.each([
    "",
    "/flux-2-pro",
    "flux-2-pro/",
    "../get_result",
    "flux-tools/../get_result",
    "flux-tools/./erase-v1",
    "flux-tools//erase-v1",
    "flux-tools%2Ferase-v1",
    "flux-tools\\erase-v1",
    "Flux-2-Pro",
    "flux 2",
    "a..b",
    "get_result",
    "image",
    "credits",
    "my_finetunes",
    "a/b/c/d/e",
    "x".repeat(65),
  ])("refuses the allowedModels entry %j when the proxy is created", (id) => {
    expect(() => modelRoutes([id], UP)).toThrow(FluxProxyConfigError);
    expect(() => modelRoutes([id], UP)).toThrow(/allowedModels/);
  });

  it("refuses an entry that is not a string", () => {
    expect(() => modelRoutes([42 as unknown as string], UP)).toThrow(/`allowedModels` entry 42/);
  });
});

describe("matchRoute", () => {
  const routes = modelRoutes(["flux-2-pro", "flux-tools/erase-v1"], UP);

  it("answers the submit route made for the id, not one built from the path", () => {
    const route = matchRoute("/api/flux/v1/flux-tools/erase-v1", "/api/flux", routes);
    expect(route).toBe(routes.get("/v1/flux-tools/erase-v1"));
  });

  it("matches get_result and the image route exactly", () => {
    expect(matchRoute("/api/flux/v1/get_result", "/api/flux", routes)).toEqual({ kind: "poll" });
    expect(matchRoute("/api/flux/v1/image", "/api/flux", routes)).toEqual({ kind: "image" });
    for (const path of ["/v1/get_result/", "/v1/image/", "/v1/Get_Result", "/v1/flux-tools/get_result"]) {
      expect(matchRoute(`/api/flux${path}`, "/api/flux", routes)).toEqual({ kind: "not_found" });
    }
  });

  it("needs basePath itself, not a look-alike", () => {
    expect(matchRoute("/api/fluxx/v1/flux-2-pro", "/api/flux", routes)).toEqual({ kind: "not_found" });
    expect(matchRoute("/v1/flux-2-pro", "", routes).kind).toBe("submit");
  });
});
