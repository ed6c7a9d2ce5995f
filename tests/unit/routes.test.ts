import { readFileSync } from "node:fs";
import path from "node:path";
// The same file-name rules the app's routes.ts applies, from the Remix package itself.
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import { describe, expect, it } from "vitest";

const appDir = path.resolve(import.meta.dirname, "../../app");
const routes = Object.values(flatRoutes(appDir));

describe("route files", () => {
  it("every route that has child routes renders an <Outlet/>, so a child page never shows its parent instead", () => {
    const parents = new Set(routes.map((r) => r.parentId).filter((id) => id && id !== "root"));
    const withoutOutlet = [...parents].filter((id) => {
      const route = routes.find((r) => r.id === id)!;
      return !readFileSync(path.join(appDir, route.file), "utf8").includes("<Outlet");
    });
    expect(withoutOutlet).toEqual([]);
  });

  it("the two-step sign-in page is a page of its own, not a child of the sign-in form", () => {
    const twoFactor = routes.find((r) => r.path === "sign-in/two-factor");
    expect(twoFactor?.parentId).toBe("root");
  });
});
