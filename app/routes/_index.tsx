import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/kit/Link";
import { CompetencyMatrix } from "~/components/CompetencyMatrix";
import { SignedOut } from "~/components/home/SignedOut";
import { SupervisorPanel } from "~/components/home/SupervisorPanel";
import { AwaitingSupervisorPanels, OwnDevelopmentPanel } from "~/components/development/DevelopmentPanels";
import { GoalsDuePanel } from "~/components/development/GoalsDue";
import { ReadinessPanel, TeamReadinessPanel } from "~/components/ReadinessPanel";
import { InductionProgress } from "~/components/induction/InductionProgress";
import { SupervisionConfirmationsPanel } from "~/components/SupervisionConfirmations";
import { OwnSupervisionPanel, SupervisionDuePanel } from "~/components/SupervisionDuePanel";
import { TrainingExpiryPanel } from "~/components/TrainingExpiryPanel";
import { currentUser, mustEnrolSecondFactor } from "~/services/auth.server";
import { homeFor } from "~/services/home.server";
import { getDb } from "~/lib/db.server";
import { pageTitle } from "~/lib/page-title";
import { Heading, PageHeading, PlainList } from "~/components/kit/Text";
import { ButtonGroup, ButtonLink } from "~/components/kit/Button";
import { Card } from "~/components/kit/Card";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.signedIn ? pageTitle(data.matrix ? "My portfolio" : "Home") : pageTitle() },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await currentUser(request, context);
  if (!user) return { signedIn: false as const };
  if (mustEnrolSecondFactor(user)) throw redirect("/account/two-factor");
  return await homeFor(getDb(), user);
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  if (!data.signedIn) return <SignedOut />;
  return (
    <>
      <PageHeading caption={data.pcnName ?? "Care Portfolio"}>
        {data.matrix ? "My portfolio" : `Welcome, ${data.name}`}
      </PageHeading>
      {data.returned.length ? (
        <Card heading="Evidence returned to you" warning testId="returned-evidence">
          <PlainList>
            {data.returned.map((e) => (
              <li key={e.id}>
                <Link to={`/evidence/${e.id}`}>{e.title}</Link>
                {e.comment ? <span className="app-prewrap">: “{e.comment}”</span> : null}
              </li>
            ))}
          </PlainList>
        </Card>
      ) : null}
      {data.ownReadiness ? <ReadinessPanel readiness={data.ownReadiness} own /> : null}
      {data.ownSupervision ? <OwnSupervisionPanel supervision={data.ownSupervision} /> : null}
      {data.induction ? <InductionProgress induction={data.induction} own /> : null}
      <TrainingExpiryPanel people={data.ownExpiries} own />
      {data.development ? (
        <>
          <GoalsDuePanel {...data.development.due} own />
          <OwnDevelopmentPanel personId={data.id} year={data.development.year} counts={data.development.counts} />
        </>
      ) : null}
      {data.teamReadiness ? (
        <TeamReadinessPanel people={data.teamReadiness} canBulkVerify={data.canBulkVerify} />
      ) : null}
      <TrainingExpiryPanel people={data.teamExpiries} />
      <SupervisionDuePanel people={data.supervisionDue} />
      <SupervisionConfirmationsPanel meetings={data.meetingsToConfirm} />
      {data.awaitingSupervisor ? <AwaitingSupervisorPanels {...data.awaitingSupervisor} /> : null}
      {data.reviewCount !== null ? (
        <SupervisorPanel reviewCount={data.reviewCount} supervisees={data.supervisees} />
      ) : null}
      {data.links.dashboard || data.links.people ? (
        <PlainList>
          {data.links.dashboard ? (
            <li>
              <Link to="/dashboard">Training compliance and readiness dashboard</Link>
            </li>
          ) : null}
          {data.links.people ? (
            <li>
              <Link to="/people">People</Link>
            </li>
          ) : null}
          {data.links.pcns ? (
            <li>
              <Link to="/admin/pcns">Primary Care Networks</Link>
            </li>
          ) : null}
        </PlainList>
      ) : null}
      {data.matrix ? (
        <section aria-labelledby="matrix-heading">
          <Heading level={2} id="matrix-heading" visuallyHidden>
            Competencies
          </Heading>
          <ButtonGroup>
            <ButtonLink to="/evidence/new">Add evidence</ButtonLink>
            <ButtonLink variant="secondary" to={`/people/${data.id}/export`}>
              Download portfolio (PDF)
            </ButtonLink>
          </ButtonGroup>
          <CompetencyMatrix matrix={data.matrix} personId={data.id} />
        </section>
      ) : null}
    </>
  );
}
