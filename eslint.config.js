import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "test-results/**", "node_modules/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      eqeqeq: ["error", "smart"],
      // Input checks match control characters on purpose, to refuse them.
      "no-control-regex": "off",
    },
  },
  {
    // The two rules of hooks, in the app where the React code is. The plugin's other recommended rules check code
    // for the React Compiler, which this app does not use, and ran the compiler over every file: half of the lint.
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  {
    // Routes build pages from the component kit, so the NHS design system markup is written once, in app/components.
    files: ["app/routes/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        ...["Literal[value=/nhsuk-/]", "TemplateElement[value.raw=/nhsuk-/]"].map((selector) => ({
          selector,
          message: "Use the component kit (app/components/kit, Fields, Table, SummaryList), not an nhsuk- class.",
        })),
      ],
    },
  },
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs", globals: globals.node } },
  {
    // Migrations are frozen history: they take Kysely<any> because the typed schema moves on after them.
    files: ["db/migrate.ts", "db/migrations/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
