import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { FluxProvider } from "@flux-kit/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@flux-kit/ui/styles.css";
import "./app.css";
import { App } from "./App";
import { readLastVisit } from "./awayOutcomes";
import { Devtools } from "./Devtools";
import type { PageVisit } from "./useAwayOutcomes";
import { watchViewerTasks } from "./viewerTasks";

const queryClient = new QueryClient();

/** localStorage, unless the browser refuses it (then nothing is reported as finished in the background). */
function localStore(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

// once per page load, before the studio mounts (and resumes a task): what the person sees in the studio, and
// when this browser last opened the demo
const visit: PageVisit = {
  viewer: watchViewerTasks(queryClient, localStore()),
  lastVisit: readLastVisit(localStore(), Date.now()),
};

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {/* The browser talks to the demo server's proxy route, never to BFL: there is no key here. */}
      <FluxProvider baseUrl="/api/flux">
        <App visit={visit} />
      </FluxProvider>
      <Devtools />
    </QueryClientProvider>
  </StrictMode>,
);
