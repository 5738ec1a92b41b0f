// app/Studio.tsx
// The whole feature in a client component: TanStack Query, a flux client pointed at the proxy, FluxStudio.
"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { FluxProvider } from "@flux-kit/react";
import { FluxStudio } from "@flux-kit/ui";
import { useState } from "react";

export function Studio({ baseUrl }: { readonly baseUrl: string }) {
  const [queryClient] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={queryClient}>
      <FluxProvider baseUrl={baseUrl}>
        <FluxStudio imageRoute={`${baseUrl}/v1/image`} persistKey={`flux-studio:${baseUrl}`} />
      </FluxProvider>
    </QueryClientProvider>
  );
}
