import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import type { Plugin } from "vite";

/**
 * nhsuk-frontend's CSS loads the Frutiger font from assets.nhs.uk, which our CSP blocks (a console error on every
 * page). Strip those @font-face rules; app/styles/nhs-fonts.css brings them back when NHS_FONTS=true.
 */
function withoutNhsFontFaces(): Plugin {
  return {
    name: "without-nhs-font-faces",
    enforce: "pre",
    transform(code, id) {
      if (!id.includes("nhsuk-frontend.min.css")) return null;
      return { code: code.replace(/@font-face\{[^}]*\}/g, ""), map: null };
    },
  };
}

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  server: { host: "127.0.0.1" },
  ssr: {
    // Native module, pdfkit (which reads its font metrics from disk) and the PostgreSQL driver stay outside the bundle.
    external: ["better-sqlite3", "pdfkit", "pg", "pg-cursor"],
  },
  plugins: [
    withoutNhsFontFaces(),
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
    tsconfigPaths(),
  ],
});
