/**
 * The layers of docs/decisions/0011-layers.md, lowest first. A module may import from its own layer and the layers
 * listed for it, never upwards. `npm test` runs this check (npm run lint:layers).
 */
const layers = {
  domain: { path: "^app/domain/", may: [] },
  lib: { path: "^app/lib/", may: ["domain", "db"] },
  db: { path: "^db/", may: ["domain"] },
  content: { path: "^app/content/", may: ["domain", "lib"] },
  models: { path: "^app/models/", may: ["domain", "lib", "db", "content"] },
  pdf: { path: "^app/pdf/", may: ["domain", "lib"] },
  forms: { path: "^app/forms/", may: ["domain", "lib", "content", "models"] },
  services: { path: "^app/services/", may: ["domain", "lib", "db", "content", "models", "pdf", "forms"] },
  components: { path: "^app/components/", may: ["domain", "forms", "lib"] },
  styles: { path: "^app/styles/", may: [] },
  routes: {
    path: "^app/(routes/|root\\.tsx|entry\\.server\\.tsx)",
    may: ["domain", "lib", "content", "models", "pdf", "forms", "services", "components", "styles"],
  },
  server: { path: "^server/", may: ["domain", "lib", "db", "content", "services"] },
  scripts: { path: "^scripts/", may: ["domain", "lib", "db", "content", "models", "pdf", "forms", "services"] },
};

// Forms describe what a model takes, so they may name a model's input types; they never call a model.
const typeOnly = { forms: ["models"] };

const layerRules = Object.entries(layers).map(([name, layer]) => ({
  name: `${name}-imports-only-lower-layers`,
  comment: `${name} may import only: ${layer.may.join(", ") || "nothing else in the app"}`,
  severity: "error",
  from: { path: layer.path },
  to: {
    path: "^(app|db|server|scripts|tests)/",
    pathNot: [layer.path, ...layer.may.map((m) => layers[m].path)],
  },
}));

const typeOnlyRules = Object.entries(typeOnly).map(([name, others]) => ({
  name: `${name}-may-name-types-only`,
  severity: "error",
  from: { path: layers[name].path },
  to: { path: others.map((o) => layers[o].path), dependencyTypesNot: ["type-only"] },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    ...typeOnlyRules,
    {
      name: "components-stay-browser-safe",
      comment: "Components reach the browser bundle: no server-only module, not even for a type.",
      severity: "error",
      from: { path: "^app/components/" },
      to: { path: "\\.server\\.tsx?$" },
    },
    {
      name: "routes-do-not-import-routes",
      severity: "error",
      from: { path: "^app/routes/" },
      to: { path: "^app/routes/" },
    },
    { name: "no-cycles", severity: "error", from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js"] },
  },
};
