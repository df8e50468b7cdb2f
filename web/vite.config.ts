/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { precompress } from "./scripts/precompress";

// The server (src/TimeTracker/Web/App) serves dist/: files under /assets are content-hashed and cached forever,
// index.html is revalidated on every load, and text files are sent as the .br or .gz written beside them.
export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: "dist",
    assetsDir: "assets",
    // No data: URLs for fonts or scripts: the Content-Security-Policy allows them only for images, so every asset is a file.
    assetsInlineLimit: 0,
    // The server's policy allows no inline script; Vite's module-preload polyfill is bundled, never inlined.
    modulePreload: { polyfill: true },
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev` talks to a `timetracker serve` on its default address.
    proxy: { "/api": "http://127.0.0.1:5080" },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
    css: false,
    // Generous: the suite shares a small machine with the .NET tests; a slow lazy import is not a failure.
    testTimeout: 30_000,
  },
});
