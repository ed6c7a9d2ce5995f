import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getOptionalUser } from "~/utils/auth.server";
import { navigationFor } from "~/components/navigation";

export const meta: MetaFunction = () => [{ title: "Care Portfolio" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (!user) return { signedIn: false as const };
  return {
    signedIn: true as const,
    name: user.person.name,
    pcnName: user.person.pcnName,
    links: navigationFor(user.viewer).filter((item) => item.href !== "/"),
  };
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  if (!data.signedIn) {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Care Portfolio</h1>
          <p className="nhsuk-lede-text">
            Keep the competency portfolio, training and CPD of care coordinators, health and wellbeing coaches and social prescribing link
            workers in one place.
          </p>
          <ul>
            <li>Staff record evidence against the four areas of the competency framework, their training and their CPD.</li>
            <li>Supervisors review evidence, record supervision and sign off competencies.</li>
            <li>PCN leads check training compliance and readiness to take referrals.</li>
          </ul>
          <Link className="nhsuk-button" to="/sign-in">
            Sign in
          </Link>
        </div>
      </div>
    );
  }
  return (
    <>
      <h1>Welcome, {data.name}</h1>
      {data.pcnName ? <p className="nhsuk-lede-text">{data.pcnName}</p> : null}
      <ul className="nhsuk-grid-row nhsuk-card-group">
        {data.links.map((link) => (
          <li className="nhsuk-grid-column-one-third nhsuk-card-group__item" key={link.href}>
            <div className="nhsuk-card nhsuk-card--clickable">
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading nhsuk-heading-m">
                  <Link className="nhsuk-card__link" to={link.href}>
                    {link.label}
                  </Link>
                </h2>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
