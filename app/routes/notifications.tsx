import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/Fields";
import { PostButton } from "~/components/kit/Button";
import { NoticeList } from "~/components/notifications/NoticeList";
import { invalid, parseForm, refusalOf } from "~/forms/fields";
import { getDb } from "~/lib/db.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { pageTitle } from "~/lib/page-title";
import { listNotices, markNoticesRead, NOTICES_SHOWN, wantsEmailNotices } from "~/models/notices.server";
import { requireUser } from "~/services/auth.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Notifications") }];

// Everyone signed in has notifications of their own, and sees only their own: nothing here names another person's id.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const notices = await listNotices(db, user.viewer.id);
  return {
    notices,
    unread: notices.filter((n) => n.unread).length,
    shown: NOTICES_SHOWN,
    emails: await wantsEmailNotices(db, user.viewer.id),
  };
}

const intentSchema = z.object({
  intent: z.literal("mark-all-read", { error: "Choose what to do with your notifications" }),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const parsed = parseForm(intentSchema, await request.formData());
  if (!parsed.ok) return invalid({ form: parsed.errors.intent ?? "Choose what to do with your notifications" });
  const marked = await markNoticesRead(getDb(), user.viewer.id);
  return redirectWithFlash(
    request,
    "/notifications",
    marked ? "Notifications marked as read" : "You had no unread notifications",
  );
}

export default function Notifications() {
  const { notices, unread, shown, emails } = useLoaderData<typeof loader>();
  const { errors } = refusalOf(useActionData<typeof action>());
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Notifications</h1>
      <p>
        Training that is expiring, supervision that is due, meetings to confirm and evidence waiting for review.{" "}
        {emails ? (
          <>
            You also get a summary by email when there is something new. You can change this on{" "}
            <Link to="/account">My account</Link>.
          </>
        ) : (
          <>
            You have chosen not to get them by email. You can change this on <Link to="/account">My account</Link>.
          </>
        )}
      </p>
      {notices.length ? (
        <>
          <p>
            {unread === 1 ? "1 unread notification" : `${unread} unread notifications`}
            {notices.length === shown ? ` (the latest ${shown} are shown)` : ""}
          </p>
          {unread ? (
            <PostButton fields={{ intent: "mark-all-read" }} variant="secondary">
              Mark all as read
            </PostButton>
          ) : null}
          <NoticeList notices={notices} />
        </>
      ) : (
        <p>You have no notifications.</p>
      )}
    </>
  );
}
