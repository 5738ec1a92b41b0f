// app/page.tsx
import { Studio } from "./Studio";

export default function NodePage() {
  return (
    <main>
      <h1>FLUX on the Node runtime</h1>
      <Studio baseUrl="/api/flux" />
    </main>
  );
}
