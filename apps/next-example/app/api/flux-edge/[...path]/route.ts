// app/api/flux-edge/[...path]/route.ts
// The same proxy on the Edge runtime, mounted at /api/flux-edge.
import { createRouteHandler } from "@flux-kit/proxy/next";
import { auth } from "@/auth";
import { upstreamFromEnv } from "@/upstream";

export const runtime = "edge";

export const { GET, HEAD, POST, OPTIONS } = createRouteHandler({
  basePath: "/api/flux-edge",
  authorize: async () => {
    const session = await auth();
    return session ? { allow: true, clientId: session.user } : false;
  },
  ...upstreamFromEnv(),
});
