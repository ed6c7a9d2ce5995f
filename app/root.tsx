import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useLocation,
  useRouteError,
} from "@remix-run/react";
import nhsukStyles from "nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css?url";
import type { ReactNode } from "react";
import appStyles from "~/styles/app.css?url";
import nhsFontStyles from "~/styles/nhs-fonts.css?url";
import { Footer, Header, Page, PhaseBanner, type NavItem } from "~/components/Layout";
import { navigationFor } from "~/components/navigation";
import { currentUser } from "~/services/auth.server";
import { useFocusAfterNavigation } from "~/components/focus";
import { nhsFontsEnabled } from "~/lib/nhs-fonts.server";
import { pageTitle } from "~/lib/page-title";
import { useNonce } from "~/components/nonce";
import { takeFlash } from "~/lib/flash.server";
import type { Flash } from "~/lib/flash";
import { FlashBanner } from "~/components/kit/NotificationBanner";
import { LinkNavigation } from "~/components/kit/Link";
import { REQUEST_ID_ELEMENT, useRequestId } from "~/components/request-id";
import { getDb } from "~/lib/db.server";
import { unreadNoticeCount } from "~/models/notices.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: nhsukStyles },
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/assets/images/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = ({ error }) => [{ title: error ? pageTitle(errorHeading(error)) : pageTitle() }];

function errorHeading(error: unknown): string {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return status === 404
    ? "Page not found"
    : status === 403
      ? "You do not have access to this page"
      : "Sorry, there is a problem with the service";
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await currentUser(request, context);
  const { flash, headers } = await takeFlash(request);
  return data(
    {
      userName: user?.person.name ?? null,
      navigation: user ? navigationFor(user.viewer, user.appraiseeIds) : [],
      unreadNotices: user ? await unreadNoticeCount(getDb(), user.viewer.id) : null,
      nhsFonts: nhsFontsEnabled(),
      flash,
    },
    { headers },
  );
}

interface DocumentProps {
  children: ReactNode;
  userName: string | null;
  navigation: NavItem[];
  unreadNotices: number | null;
  nhsFonts: boolean;
  flash: Flash | null;
}

function Document({ children, userName, navigation, unreadNotices, nhsFonts, flash }: DocumentProps) {
  const nonce = useNonce();
  const location = useLocation();
  useFocusAfterNavigation();
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {nhsFonts ? <link rel="stylesheet" href={nhsFontStyles} /> : null}
      </head>
      <body>
        <LinkNavigation>
          <a className="nhsuk-skip-link" href="#maincontent">
            Skip to main content
          </a>
          <Header
            userName={userName}
            navigation={navigation}
            unreadNotices={unreadNotices}
            currentPath={location.pathname}
          />
          <PhaseBanner />
          <Page>
            <FlashBanner flash={flash} />
            {children}
          </Page>
          <Footer />
        </LinkNavigation>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { userName, navigation, unreadNotices, nhsFonts, flash } = useLoaderData<typeof loader>();
  return (
    <Document
      userName={userName}
      navigation={navigation}
      unreadNotices={unreadNotices}
      nhsFonts={nhsFonts}
      flash={flash}
    >
      <Outlet />
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const requestId = useRequestId(error);
  return (
    <Document userName={null} navigation={[]} unreadNotices={null} nhsFonts={false} flash={null}>
      <h1>{errorHeading(error)}</h1>
      {status === 404 ? (
        <p>
          If you typed the web address, check it is correct. If you followed a link, the page may have moved or you may
          not have access to it.
        </p>
      ) : (
        <p>Try again later. What you entered has not been saved unless you saw a confirmation.</p>
      )}
      {status >= 500 && requestId ? (
        <p>
          If you report this problem, quote this reference: <span id={REQUEST_ID_ELEMENT}>{requestId}</span>
        </p>
      ) : null}
      <p>
        <a href="/">Go to your home page</a>
      </p>
    </Document>
  );
}
