import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { InductionItemsTable, MakeChecklistForm, TickItemsForm } from "~/components/induction/InductionChecklist";
import { InductionProgress } from "~/components/induction/InductionProgress";
import { ErrorSummary } from "~/components/Fields";
import { Column, Row } from "~/components/kit/Grid";
import { BackLink, Heading, PageHeading } from "~/components/kit/Text";
import { Pagination } from "~/components/Pagination";
import { invalid, parseForm, refusalOf, pageNumber } from "~/forms/fields";
import { inductionIntent } from "~/forms/induction.server";
import { refusedByRule } from "~/forms/rule-refusal";
import { getDb } from "~/lib/db.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { pageTitle } from "~/lib/page-title";
import { idParam } from "~/lib/request.server";
import { actorOf, notFound, requireUser } from "~/services/auth.server";
import { changeInduction, inductionPageFor, inductionSettingIds } from "~/services/induction.server";
import { personFor } from "~/services/person-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Induction checklist", data?.person.name) },
];

const PAGE_SIZE = 20;
const Query = z.object({ page: pageNumber() });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await inductionPageFor(getDb(), user.viewer, person, { page: query.page, pageSize: PAGE_SIZE });
  return { person: { id: person.id, name: person.name }, ...page, page: query.page, pageSize: PAGE_SIZE };
}

const FLASH = { make: "Induction checklist made", tick: "Items marked as done", untick: "Item unticked" } as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  const parsed = parseForm(inductionIntent(inductionSettingIds()), await request.formData(), { arrays: ["items"] });
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  try {
    const actor = { ...actorOf(user, context), id: user.viewer.id };
    const outcome = await changeInduction(getDb(), user.viewer, person, parsed.data, actor);
    if (outcome === "not-found") throw notFound();
  } catch (error) {
    if (error instanceof Response) throw error;
    return refusedByRule(error);
  }
  return redirectWithFlash(request, `/people/${person.id}/induction`, FLASH[parsed.data.intent]);
}

export default function InductionPage() {
  const data = useLoaderData<typeof loader>();
  const { errors, values } = refusalOf(useActionData<typeof action>());
  const { person, checklist } = data;
  return (
    <Row>
      <Column width="two-thirds">
        <ErrorSummary errors={errors} />
        <BackLink to={`/people/${person.id}`}>Back to {data.own ? "your page" : person.name}</BackLink>
        <PageHeading caption={person.name}>{data.own ? "My induction checklist" : "Induction checklist"}</PageHeading>
        {checklist ? (
          <>
            <InductionProgress induction={checklist} own={data.own} linked={false} />
            <Heading level={2}>Items</Heading>
            <InductionItemsTable items={data.items} canTick={data.canTick} />
            <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />
            {data.canTick ? <TickItemsForm items={data.items} errors={errors} values={values} /> : null}
          </>
        ) : (
          <p>{data.own ? "You do not have" : `${person.name} does not have`} an induction checklist.</p>
        )}
        {data.canMake ? (
          <MakeChecklistForm settings={data.settings} current={checklist?.settingId ?? null} errors={errors} />
        ) : null}
      </Column>
    </Row>
  );
}
