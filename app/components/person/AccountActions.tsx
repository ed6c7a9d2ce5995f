import { PostButton } from "~/components/kit/Button";
import { ConfirmCallout } from "~/components/ConfirmCallout";

interface Person {
  id: number;
  name: string;
  active: boolean;
  totpEnabled: boolean;
}

/** Set-password link, two-step sign-in reset and (de)activation, for those who manage this person. */
export function AccountActions({ person, canResetSignIn }: { person: Person; canResetSignIn: boolean }) {
  return (
    <>
      <h2>Account</h2>
      {canResetSignIn ? (
        <>
          <PostButton fields={{ intent: "password-link" }} variant="secondary">
            Create a set-password link
          </PostButton>
          {person.totpEnabled ? (
            <PostButton fields={{ intent: "reset-two-factor" }} variant="secondary">
              Reset two-step sign-in
            </PostButton>
          ) : null}
        </>
      ) : null}
      <PostButton
        fields={{ intent: person.active ? "deactivate" : "reactivate" }}
        variant={person.active ? "warning" : "secondary"}
      >
        {person.active ? "Deactivate account" : "Reactivate account"}
      </PostButton>
    </>
  );
}

/** The second question before an action that signs the person out. */
export function AccountConfirmation({ ask, person }: { ask: "deactivate" | "reset-two-factor"; person: Person }) {
  return ask === "deactivate" ? (
    <ConfirmCallout
      title={`Deactivate ${person.name}?`}
      intent="deactivate"
      confirmLabel={`Yes, deactivate ${person.name}`}
      cancelTo={`/people/${person.id}`}
    >
      <p>
        They will be signed out and will not be able to sign in. Their records are kept, and you can reactivate them
        later.
      </p>
    </ConfirmCallout>
  ) : (
    <ConfirmCallout
      title={`Reset two-step sign-in for ${person.name}?`}
      intent="reset-two-factor"
      confirmLabel="Yes, reset two-step sign-in"
      cancelTo={`/people/${person.id}`}
    >
      <p>
        Only do this if you know it is {person.name} asking, for example because they have lost their phone and their
        recovery codes. They will be signed out, and can then sign in with their password alone until they set it up
        again.
      </p>
    </ConfirmCallout>
  );
}
