/**
 * The signed-in user is resolved once per request and kept in the load context: a page's root and route loaders
 * do not look the session up again.
 */
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import * as root from "~/root";
import * as home from "~/routes/_index";
import * as personPage from "~/routes/people.$personId._index";
import * as evidenceList from "~/routes/people.$personId.evidence";
import { makeTeam } from "../../scripts/lib/factories";
import { contextFor, cookieFor } from "./harness";
import { watchStatements } from "./statements-sent";

type Loader = (args: LoaderFunctionArgs) => unknown;
type Team = Awaited<ReturnType<typeof makeTeam>>;

let team: Team;
beforeAll(async () => {
  team = await makeTeam(getDb());
});

const statements = watchStatements();
// A statement that reads the sessions table, on its own or joined to the user.
const sessionReads = () => statements.sent().filter((text) => /(from|join) "sessions"/.test(text)).length;

/**
 * What Remix does for a document request: the root loader and the page's loader, with one load context that
 * already holds the signed-in user. Answers how many statements resolving the signed-in user took.
 */
async function renderPage(path: string, cookie: string, loader: Loader, params: Record<string, string>) {
  const request = new Request(`http://127.0.0.1${path}`, { headers: { Cookie: cookie } });
  const context: AppLoadContext = await contextFor(request);
  const toResolveUser: number = statements.sent().length;
  await root.loader({ request, params, context });
  await loader({ request, params, context });
  return toResolveUser;
}

interface PageCase {
  name: string;
  who: "coordinator" | "lead";
  path: () => string;
  loader: Loader;
  params: () => Record<string, string>;
}

const pages: PageCase[] = [
  { name: "the home page", who: "coordinator", path: () => "/", loader: home.loader, params: () => ({}) },
  {
    name: "a person's evidence, as that person",
    who: "coordinator",
    path: () => `/people/${team.coordinator.id}/evidence`,
    loader: evidenceList.loader,
    params: () => ({ personId: String(team.coordinator.id) }),
  },
  {
    name: "a person's page, as their lead",
    who: "lead",
    path: () => `/people/${team.coordinator.id}`,
    loader: personPage.loader,
    params: () => ({ personId: String(team.coordinator.id) }),
  },
];

describe("one sign-in lookup per request", () => {
  it.each(pages)("$name reads the session and the signed-in user once, in one statement", async (page) => {
    const cookie = await cookieFor(team[page.who].id);
    statements.clear();
    const toResolveUser = await renderPage(page.path(), cookie, page.loader, page.params());
    expect(sessionReads()).toBe(1);
    expect(toResolveUser).toBe(1);
  });

  it("a loader given the user in its context reads no session at all", async () => {
    const cookie = await cookieFor(team.coordinator.id);
    const request = new Request("http://127.0.0.1/", { headers: { Cookie: cookie } });
    const context = await contextFor(request);
    statements.clear();
    const data = (await home.loader({ request, params: {}, context })) as { signedIn: boolean };
    expect(data.signedIn).toBe(true);
    expect(sessionReads()).toBe(0);
  });

  it("with an empty load context, the first loader resolves the user and the rest reuse it", async () => {
    const cookie = await cookieFor(team.coordinator.id);
    const request = new Request("http://127.0.0.1/", { headers: { Cookie: cookie } });
    const context: AppLoadContext = {};
    statements.clear();
    await root.loader({ request, params: {}, context });
    await home.loader({ request, params: {}, context });
    expect(sessionReads()).toBe(1);
    expect(context.currentUser?.viewer.id).toBe(team.coordinator.id);
  });
});
