/** Says plainly that nothing here comes from BFL: the server runs `@flux-kit/mock` because no key is set. */
export function SimulatedBanner() {
  return (
    <div className="demo-banner" role="note" aria-label="Simulated API">
      <strong>Simulated API</strong>
      <span>
        No <code>BFL_API_KEY</code> is set, so images come from the built-in mock, not from Black Forest Labs.
        Restart with <code>BFL_API_KEY=… pnpm demo</code> to generate real images.
      </span>
    </div>
  );
}
