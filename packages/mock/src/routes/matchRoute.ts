import { getModel, type ModelDefinition } from "@flux-kit/core";

/** Content types of the delivery formats, as `rsct=` names them. */
export const MIME = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp" } as const;
export type SampleFormat = keyof typeof MIME;

/** Which BFL route a request path names. */
export type Route =
  | { readonly kind: "submit"; readonly model: ModelDefinition }
  | { readonly kind: "poll" }
  | { readonly kind: "credits" }
  | { readonly kind: "delivery"; readonly blobId: string; readonly ext: SampleFormat };

const DELIVERY_PATH = /^\/results\/([0-9a-f]{32})\/sample\.(jpeg|png|webp)$/;

/** The route of a path (without its mount prefix), or `undefined` for BFL's 404. */
export function matchRoute(path: string): Route | undefined {
  if (path === "/v1/get_result") return { kind: "poll" };
  if (path === "/v1/credits") return { kind: "credits" };
  if (path.startsWith("/v1/")) {
    const model = getModel(path.slice(4));
    return model ? { kind: "submit", model } : undefined;
  }
  const delivery = DELIVERY_PATH.exec(path);
  if (delivery?.[1] && delivery[2])
    return { kind: "delivery", blobId: delivery[1], ext: delivery[2] as SampleFormat };
  return undefined;
}

/** Methods a route answers (Starlette answers HEAD on every GET route). */
export function allowedMethods(route: Route): readonly string[] {
  return route.kind === "submit" ? ["POST"] : ["GET", "HEAD"];
}
