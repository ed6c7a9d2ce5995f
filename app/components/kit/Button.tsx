import { Form } from "@remix-run/react";
import { Link, type AppPath } from "~/components/kit/Link";
import type { ButtonHTMLAttributes, ReactNode } from "react";

export type ButtonVariant = "primary" | "secondary" | "warning";

interface Look {
  variant?: ButtonVariant;
  small?: boolean;
  /** Spacing utilities only (nhsuk-u-margin-*), for a button in a table cell or a row of buttons. */
  className?: string;
}

function buttonClass({ variant = "primary", small = false, className }: Look): string {
  return [
    "nhsuk-button",
    variant !== "primary" && `nhsuk-button--${variant}`,
    small && "nhsuk-button--small",
    className,
  ]
    .filter(Boolean)
    .join(" ");
}

/** An NHS button that submits its form. */
export function Button({
  variant,
  small,
  className,
  type = "submit",
  ...rest
}: Look & ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button className={buttonClass({ variant, small, className })} type={type} {...rest} />;
}

/** A link that looks like a button: `to` for another page in the app, `href` for a download or a place on this page. */
export function ButtonLink({
  to,
  href,
  children,
  ...look
}: Look & ({ to: AppPath; href?: never } | { href: string; to?: never }) & { children: ReactNode }) {
  const className = buttonClass(look);
  return to !== undefined ? (
    <Link className={className} to={to}>
      {children}
    </Link>
  ) : (
    <a className={className} href={href}>
      {children}
    </a>
  );
}

/** A form that is only a button: it posts fixed fields (an intent and its target) to this page's action. */
export function PostButton({
  fields,
  children,
  ...look
}: Look & { fields: Record<string, string | number>; children: ReactNode }) {
  return (
    <Form method="post">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button {...look}>{children}</Button>
    </Form>
  );
}

/** Buttons and links side by side, wrapping on a narrow screen. */
export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="nhsuk-button-group">{children}</div>;
}
