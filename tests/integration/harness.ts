/**
 * Calls route loaders and actions the way Remix does, with a real session cookie, and reports what the user would
 * get: a status and the data (or the redirect location).
 */
import { type ActionFunctionArgs, type AppLoadContext, data, type LoaderFunctionArgs } from "@remix-run/node";
import { startSession } from "~/models/session.server";
import { sessionCookieHeader } from "~/services/auth.server";
import { withCurrentUser } from "~/entry.server";
import { getDb } from "~/lib/db.server";
import { takeFlash } from "~/lib/flash.server";
import type { Flash } from "~/lib/flash";

const ORIGIN = "http://127.0.0.1";

/** What a route's `data(value, init)` returns: its class is found through the public `data` function itself. */
const DataWithStatus = data(null).constructor as new () => ReturnType<typeof data<unknown>>;

export interface Outcome {
  status: number;
  location: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route answers with its own shape
  data: any;
  /** The success message a redirect carries to the next page, as that page would show it. */
  flash?: Flash | null;
}

export async function cookieFor(userId: number): Promise<string> {
  const token = await startSession(getDb(), { userId, mfaPending: false, maxHours: 12 });
  const header = await sessionCookieHeader(new Request(ORIGIN), token);
  return header.split(";")[0]!;
}

/** A load context for a request as the production server builds it: the client's address and the signed-in user. */
export function contextFor(request: Request): Promise<AppLoadContext> {
  return withCurrentUser(request, { clientAddress: "127.0.0.1" });
}

async function settle(run: () => Promise<unknown>): Promise<Outcome> {
  let result: unknown;
  try {
    result = await run();
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) {
    const text = result.headers.get("Content-Type")?.includes("json") ? await result.json() : await result.text();
    return {
      status: result.status,
      location: result.headers.get("Location"),
      data: text,
      flash: await flashOf(result),
    };
  }
  if (result instanceof Error) throw result;
  if (result instanceof DataWithStatus)
    return { status: result.init?.status ?? 200, location: null, data: result.data, flash: null };
  return { status: 200, location: null, data: result, flash: null };
}

/** Reads the flash cookie a response sets the way the next page's request would. */
async function flashOf(response: Response): Promise<Flash | null> {
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]!);
  if (!cookies.length) return null;
  return (await takeFlash(new Request(ORIGIN, { headers: { Cookie: cookies.join("; ") } }))).flash;
}

type Loader = (args: LoaderFunctionArgs) => unknown;
type Action = (args: ActionFunctionArgs) => unknown;

interface CallOptions {
  cookie?: string;
  params?: Record<string, string>;
}

export function load(loader: Loader, path: string, options: CallOptions = {}): Promise<Outcome> {
  const headers = new Headers(options.cookie ? { Cookie: options.cookie } : {});
  const request = new Request(ORIGIN + path, { headers });
  return settle(async () => loader({ request, params: options.params ?? {}, context: await contextFor(request) }));
}

export function submit(
  action: Action,
  path: string,
  fields: Record<string, string | string[]>,
  options: CallOptions = {},
): Promise<Outcome> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN });
  if (options.cookie) headers.set("Cookie", options.cookie);
  const request = new Request(ORIGIN + path, { method: "POST", headers, body });
  return settle(async () => action({ request, params: options.params ?? {}, context: await contextFor(request) }));
}

/** A multipart POST encoded up front, so it carries a Content-Length as a browser's form post does. */
export async function multipartRequest(path: string, form: FormData, cookie?: string): Promise<Request> {
  const encoded = new Response(form);
  const body = await encoded.arrayBuffer();
  const headers = new Headers({
    Origin: ORIGIN,
    "Content-Type": encoded.headers.get("Content-Type")!,
    "Content-Length": String(body.byteLength),
  });
  if (cookie) headers.set("Cookie", cookie);
  return new Request(ORIGIN + path, { method: "POST", headers, body });
}

export async function submitMultipart(
  action: Action,
  path: string,
  form: FormData,
  options: CallOptions = {},
): Promise<Outcome> {
  const request = await multipartRequest(path, form, options.cookie);
  return settle(async () => action({ request, params: options.params ?? {}, context: await contextFor(request) }));
}
