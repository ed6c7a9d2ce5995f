import { Form } from "@remix-run/react";
import { ErrorSummary, TextInput } from "~/components/Fields";
import { Button, ButtonLink } from "~/components/kit/Button";
import { Column, Row } from "~/components/kit/Grid";
import { Body, Lede, NumberedList, PlainList } from "~/components/kit/Text";
import type { FieldErrors } from "~/forms/fields";

/** A new set-up key as the page shows it: the QR code drawn on the server, the key to type, and its link. */
export interface SetupKey {
  secret: string;
  secretForReading: string;
  uri: string;
  qrSvg: string;
}

/** Shown once, straight after turning two-step sign-in on. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <>
      <h1>Two-step sign-in is on</h1>
      <p>
        Keep these recovery codes somewhere safe. Each one works once if you lose your phone. They will not be shown
        again.
      </p>
      <PlainList mono testId="recovery-codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </PlainList>
      <ButtonLink to="/">Continue</ButtonLink>
    </>
  );
}

/** Two-step sign-in is on: turning it off needs the password, unless the person's role must use it. */
export function TwoFactorOn({ required, errors }: { required: boolean; errors: FieldErrors | undefined }) {
  return (
    <Row>
      <Column width="two-thirds">
        <ErrorSummary errors={errors} />
        <h1>Two-step sign-in</h1>
        <p>Two-step sign-in is on. You enter a code from your authenticator app each time you sign in.</p>
        {required ? (
          <p>Your role must use two-step sign-in.</p>
        ) : (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="disable" />
            <TextInput
              name="current"
              label="Enter your password to turn it off"
              type="password"
              autoComplete="current-password"
              error={errors?.current}
            />
            <Button variant="secondary">Turn off two-step sign-in</Button>
          </Form>
        )}
      </Column>
    </Row>
  );
}

/** The steps to add the key to an authenticator app, and the code that proves it was added. */
export function TwoFactorSetup({
  setup,
  mustEnrol,
  errors,
}: {
  setup: SetupKey | null;
  mustEnrol: boolean;
  errors: FieldErrors | undefined;
}) {
  return (
    <Row>
      <Column width="two-thirds">
        <ErrorSummary errors={errors} />
        <h1>Turn on two-step sign-in</h1>
        {mustEnrol ? <Lede>Your role needs two-step sign-in before you can continue.</Lede> : null}
        <NumberedList>
          <li>Open an authenticator app on your phone, such as Microsoft Authenticator.</li>
          <li>
            Add an account and scan this QR code:
            {/* SVG drawn by the qrcode library on the server from the key alone: no script, no style, nothing fetched. */}
            <div
              className="app-qr-code"
              role="img"
              aria-label="QR code for setting up two-step sign-in"
              data-testid="totp-qr-code"
              dangerouslySetInnerHTML={{ __html: setup?.qrSvg ?? "" }}
            />
            If you cannot scan it, enter this set-up key instead:{" "}
            <strong className="app-mono" data-testid="totp-secret">
              {setup?.secretForReading}
            </strong>
          </li>
          <li>Enter the 6-digit code the app shows.</li>
        </NumberedList>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="enable" />
          <input type="hidden" name="secret" value={setup?.secret ?? ""} />
          <TextInput
            name="code"
            label="6-digit code"
            autoComplete="one-time-code"
            inputMode="numeric"
            width={5}
            error={errors?.code}
          />
          <Button>Turn on</Button>
        </Form>
        {setup ? (
          <Body size="s">
            On this device? <a href={setup.uri}>Open the set-up link in your authenticator app</a>.
          </Body>
        ) : null}
      </Column>
    </Row>
  );
}
