/** Debian's Chromium and the flags it runs with here. */
export declare const chromiumLaunchOptions: { executablePath: string; args: string[] };
