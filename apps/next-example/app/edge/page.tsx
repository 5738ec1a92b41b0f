// app/edge/page.tsx
import { Studio } from "../Studio";

export default function EdgePage() {
  return (
    <main>
      <h1>FLUX on the Edge runtime</h1>
      <Studio baseUrl="/api/flux-edge" />
    </main>
  );
}
