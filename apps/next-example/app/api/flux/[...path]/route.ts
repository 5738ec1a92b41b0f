// app/api/flux/[...path]/route.ts
// The proxy on the Node runtime. Browsers call /api/flux/v1/…; the key stays in BFL_API_KEY on the server.
import { createRouteHandler } from "@flux-kit/proxy/next";
import { auth } from "@/auth";
import { upstreamFromEnv } from "@/upstream";

export const runtime = "nodejs";

export const { GET, HEAD, POST, OPTIONS } = createRouteHandler({
  // who may spend credits: signed-in users, each with their own active-task limit
  authorize: async () => {
    const session = await auth();
    return session ? { allow: true, clientId: session.user } : false;
  },
  ...upstreamFromEnv(), // optional: api.bfl.ai unless FLUX_UPSTREAM or BFL_REGION says otherwise
});
