import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AddMissingForm, PathwayBasis, PathwayPieces } from "~/components/development/Pathways";
import { ErrorSummary } from "~/components/Fields";
import { ProgressBar } from "~/components/ProgressBar";
import { BackLink, Body, PageHeading } from "~/components/kit/Text";
import { PATHWAY_KIND_LABELS } from "~/domain/vocabulary";
import { pathwayGoalsSchema } from "~/forms/development.server";
import { invalid, parseForm, refusalOf } from "~/forms/fields";
import { getDb } from "~/lib/db.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { pageTitle } from "~/lib/page-title";
import { idParam } from "~/lib/request.server";
import { actorOf, notFound, requireUser } from "~/services/auth.server";
import { addPathwayGoals, pathwayFor, suggestedTargetDate } from "~/services/pathways.server";
import { personFor } from "~/services/person-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.pathway.title ?? "Development pathway", data?.person.name) },
];

/** The person (404 unless this viewer may see them) and one pathway (404 if the content has no such pathway). */
async function pathwayPage({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  const found = await pathwayFor(getDb(), user.viewer, person, params.pathwayId ?? "");
  if (!found) throw notFound();
  return { user, person, ...found };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user: _user, person, ...page } = await pathwayPage(args);
  return { person: { id: person.id, name: person.name }, ...page, suggestedTargetDate: suggestedTargetDate() };
}

export async function action(args: ActionFunctionArgs) {
  const { user, person, canAdd, role } = await pathwayPage(args);
  // The person and their supervisor add to the plan; anyone else is refused as if the page were not there.
  if (!canAdd) throw notFound();
  const parsed = parseForm(pathwayGoalsSchema(), await args.request.formData());
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const actor = { ...actorOf(user, args.context), id: user.viewer.id };
  const result = await addPathwayGoals(getDb(), person, args.params.pathwayId ?? "", parsed.data.targetDate, actor);
  if (!result) throw notFound();
  const them = result.added === 1 ? "it" : "them";
  const words =
    result.added === 0
      ? "Nothing was added: every missing piece is already in the plan"
      : `${result.added === 1 ? "1 goal" : `${result.added} goals`} added to the ${result.year} plan. ${role === "owner" ? `Your supervisor can now agree ${them}` : `You can agree ${them} now`}.`;
  return redirectWithFlash(
    args.request,
    `/people/${person.id}/development-plan?year=${encodeURIComponent(result.year)}`,
    words,
  );
}

export default function PathwayPage() {
  const data = useLoaderData<typeof loader>();
  const { errors, values } = refusalOf(useActionData<typeof action>());
  const own = data.role === "owner";
  return (
    <>
      <ErrorSummary errors={errors} />
      <BackLink to={`/people/${data.person.id}/pathways`}>Back to development pathways</BackLink>
      <PageHeading caption={`${data.person.name}: ${PATHWAY_KIND_LABELS[data.pathway.kind]}`}>
        {data.pathway.title}
      </PageHeading>
      <p>{data.pathway.description}</p>
      <PathwayBasis source={data.pathway.source} setLocally={data.pathway.setLocally} />
      <ProgressBar label="Met" value={data.met} total={data.total} unit="things it asks for" />
      <PathwayPieces pieces={data.pieces} own={own} />
      {data.missing === 0 ? (
        <Body size="s">
          {data.met === data.total
            ? `${own ? "You meet" : `${data.person.name} meets`} everything this route asks for.`
            : "Everything not yet met is in the development plan."}
        </Body>
      ) : data.canAdd ? (
        <AddMissingForm
          own={own}
          name={data.person.name}
          missing={data.missing}
          errors={errors}
          values={values ?? { targetDate: data.suggestedTargetDate }}
        />
      ) : null}
    </>
  );
}
