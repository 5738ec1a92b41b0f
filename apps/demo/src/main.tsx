import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { FluxProvider } from "@flux-kit/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@flux-kit/ui/styles.css";
import "./app.css";
import { App } from "./App";
import { Devtools } from "./Devtools";

const queryClient = new QueryClient();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {/* The browser talks to the demo server's proxy route, never to BFL: there is no key here. */}
      <FluxProvider baseUrl="/api/flux">
        <App />
      </FluxProvider>
      <Devtools />
    </QueryClientProvider>
  </StrictMode>,
);
