// Debian's Chromium, the only browser available here (Playwright's own download is unreachable), with the flags
// that keep it off the network it cannot reach. Shared by the ui browser tests, its screenshot script and the
// demo's end-to-end tests.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
