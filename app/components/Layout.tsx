import { Form } from "@remix-run/react";
import { Link, type AppPath } from "~/components/kit/Link";
import type { ReactNode } from "react";

export interface NavItem {
  href: AppPath;
  label: string;
}

interface HeaderProps {
  userName: string | null;
  navigation: NavItem[];
  /** How many of the signed-in person's notifications are unread; null when nobody is signed in. */
  unreadNotices: number | null;
  currentPath: string;
}

function NhsLogo() {
  return (
    <svg
      className="nhsuk-header__logo"
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 200 80"
      height="40"
      width="100"
      focusable="false"
      role="img"
      aria-label="NHS"
    >
      <title>NHS</title>
      <path
        fill="currentcolor"
        d="M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z"
      />
    </svg>
  );
}

export function Header({ userName, navigation, unreadNotices, currentPath }: HeaderProps) {
  return (
    <header className="nhsuk-header" role="banner">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service">
          <Link className="nhsuk-header__service-logo" to="/" aria-label="NHS Care Portfolio homepage">
            <NhsLogo />
            <span className="nhsuk-header__service-name">Care Portfolio</span>
          </Link>
        </div>
        {userName ? (
          <nav className="nhsuk-header__account" aria-label="Account">
            <ul className="nhsuk-header__account-list">
              <li className="nhsuk-header__account-item">
                <Link className="nhsuk-header__account-link" to="/account">
                  {userName}
                </Link>
              </li>
              {unreadNotices !== null ? (
                <li className="nhsuk-header__account-item">
                  <Link className="nhsuk-header__account-link" to="/notifications" data-testid="header-notifications">
                    Notifications{unreadNotices ? ` (${unreadNotices} unread)` : ""}
                  </Link>
                </li>
              ) : null}
              <li className="nhsuk-header__account-item">
                {/* A full page load, so nothing the signed-in pages held stays in this tab's memory. */}
                <Form className="nhsuk-header__account-form" method="post" action="/sign-out" reloadDocument>
                  <button className="nhsuk-header__account-button" type="submit">
                    Sign out
                  </button>
                </Form>
              </li>
            </ul>
          </nav>
        ) : null}
      </div>
      {navigation.length > 0 ? (
        <nav className="nhsuk-header__navigation" aria-label="Menu">
          <div className="nhsuk-header__navigation-container nhsuk-width-container">
            <ul className="nhsuk-header__navigation-list">
              {navigation.map((item) => {
                const current = item.href === "/" ? currentPath === "/" : currentPath.startsWith(item.href);
                return (
                  <li
                    key={item.href}
                    className={`nhsuk-header__navigation-item${current ? " nhsuk-header__navigation-item--current" : ""}`}
                  >
                    <Link
                      className="nhsuk-header__navigation-link"
                      to={item.href}
                      aria-current={current ? "page" : undefined}
                    >
                      {current ? (
                        <strong className="nhsuk-header__navigation-item-current-fallback">{item.label}</strong>
                      ) : (
                        item.label
                      )}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        </nav>
      ) : null}
    </header>
  );
}

export function PhaseBanner() {
  return (
    <div className="nhsuk-width-container">
      <div className="app-phase-banner">
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
          <strong className="nhsuk-tag app-phase-banner__tag">Beta</strong>
          This is a new service. Staff records here are personal data: handle them as your PCN requires.
        </p>
      </div>
    </div>
  );
}

export function Footer() {
  return (
    <footer className="nhsuk-footer" role="contentinfo">
      <div className="nhsuk-width-container">
        <div className="nhsuk-footer__meta">
          <h2 className="nhsuk-u-visually-hidden">Support links</h2>
          <ul className="nhsuk-footer__list">
            <li className="nhsuk-footer__list-item">
              <Link className="nhsuk-footer__list-item-link" to="/about">
                About Care Portfolio
              </Link>
            </li>
            <li className="nhsuk-footer__list-item">
              <Link className="nhsuk-footer__list-item-link" to="/accessibility">
                Accessibility statement
              </Link>
            </li>
          </ul>
          <p className="nhsuk-body-s">Open-source software for Primary Care Networks.</p>
        </div>
      </div>
    </footer>
  );
}

export function Page({ children }: { children: ReactNode }) {
  return (
    <div className="nhsuk-width-container">
      <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
