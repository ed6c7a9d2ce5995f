import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CpdForm } from "~/components/CpdForm";
import { ErrorSummary } from "~/components/Fields";
import { canEditPortfolio } from "~/domain/permissions";
import { CPD_TYPES } from "~/domain/vocabulary";
import { deleteCpdEntry, getCpdEntry, updateCpdEntry } from "~/models/cpd.server";
import { getContent } from "~/content/index.server";
import { actorOf, notFound, requireUser } from "~/services/auth.server";
import { CPD_ARRAYS, cpdSchema } from "~/forms/compliance.server";
import { getDb } from "~/lib/db.server";
import { competencyTitles } from "~/content/framework.server";
import { invalid, parseForm } from "~/forms/fields";
import { personFor } from "~/services/person-page.server";
import { idParam } from "~/lib/request.server";
import { formatDate } from "~/domain/format";
import { SummaryList } from "~/components/SummaryList";
import { pageTitle } from "~/lib/page-title";
import { redirectWithFlash } from "~/lib/flash.server";
import { Button } from "~/components/kit/Button";
import { BackLink, PageHeading } from "~/components/kit/Text";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.entry.activity ?? "CPD entry", data?.person.name) },
];

async function entryFor({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  const id = idParam(params.entryId);
  const entry = id === null ? null : await getCpdEntry(getDb(), person.id, id);
  if (!entry) throw notFound();
  return { user, person, entry };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, person, entry } = await entryFor({ request, context, params });
  const titles = competencyTitles();
  return {
    person: { id: person.id, name: person.name },
    own: person.id === user.viewer.id,
    canEdit: canEditPortfolio(user.viewer, person),
    entry,
    competencies: Object.entries(titles).map(([id, title]) => ({ id, title })),
    titles,
  };
}

const Intent = z.object({ intent: z.enum(["save", "delete"]).catch("save") });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, person, entry } = await entryFor({ request, context, params });
  if (!canEditPortfolio(user.viewer, person)) throw notFound();
  const db = getDb();
  const actor = actorOf(user, context);
  const form = await request.formData();
  if (Intent.parse({ intent: form.get("intent") }).intent === "delete") {
    await deleteCpdEntry(db, person, entry.id, actor);
    return redirectWithFlash(request, `/people/${person.id}/cpd`, "CPD entry deleted");
  }
  const parsed = parseForm(cpdSchema(), form, { arrays: CPD_ARRAYS });
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  await updateCpdEntry(db, person, entry.id, parsed.data, getContent().framework.version, actor);
  return redirectWithFlash(request, `/people/${person.id}/cpd/${entry.id}`, "CPD entry saved");
}

export default function CpdEntryPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { entry } = data;
  const values = actionData?.values ?? {
    activity: entry.activity,
    activityDate: entry.activityDate,
    hours: String(entry.hours),
    type: entry.type,
    provider: entry.provider ?? "",
    reflection: entry.reflection,
    competencyIds: entry.competencyIds,
  };
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      <BackLink to={`/people/${data.person.id}/cpd`}>
        Back to {data.own ? "my CPD log" : `${data.person.name}'s CPD log`}
      </BackLink>
      <PageHeading caption={data.person.name}>{entry.activity}</PageHeading>
      <SummaryList
        rows={[
          ["Date", formatDate(entry.activityDate)],
          ["Hours", String(entry.hours)],
          ["Type", CPD_TYPES[entry.type as keyof typeof CPD_TYPES] ?? entry.type],
          ["Provider", entry.provider ?? "Not recorded"],
          ["Competencies", entry.competencyIds.map((c) => data.titles[c] ?? c).join("; ") || "None linked"],
        ]}
      />
      <h2>Reflection</h2>
      <p className="app-prewrap">{entry.reflection}</p>
      {data.canEdit ? (
        <>
          <h2>Change this entry</h2>
          <CpdForm
            errors={actionData?.errors}
            values={values}
            competencies={data.competencies}
            submitLabel="Save changes"
          />
          <h2>Delete this entry</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="delete" />
            <Button variant="warning">Delete CPD entry</Button>
          </Form>
        </>
      ) : null}
    </>
  );
}
