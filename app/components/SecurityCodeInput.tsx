import { TextInput } from "./Fields";

/** The field for the second step of signing in: a code from the authenticator app, or a recovery code. */
export function SecurityCodeInput({ error }: { error?: string }) {
  return (
    <TextInput
      name="code"
      label="Security code"
      hint="The 6-digit code from your authenticator app, or one of your recovery codes"
      autoComplete="one-time-code"
      width={10}
      spellCheck={false}
      error={error}
    />
  );
}
