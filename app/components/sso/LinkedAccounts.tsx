import { PostButton } from "~/components/kit/Button";
import { formatDateTime } from "~/domain/format";
import { ssoProviderLabel } from "~/domain/single-sign-on";

export interface LinkedAccount {
  id: number;
  provider: string;
  email: string | null;
  linkedAt: string;
}

/** A person's linked NHS accounts; with `canUnlink`, a button on each (the administrator's page). */
export function LinkedAccounts({ accounts, canUnlink }: { accounts: readonly LinkedAccount[]; canUnlink: boolean }) {
  if (accounts.length === 0) return <p>No NHS accounts are linked.</p>;
  return (
    <ul className="nhsuk-list" data-testid="linked-accounts">
      {accounts.map((account) => {
        const label = ssoProviderLabel(account.provider);
        return (
          <li key={account.id}>
            <strong>{label}</strong>
            {account.email ? ` (${account.email})` : ""}, linked {formatDateTime(account.linkedAt)}
            {canUnlink ? (
              <PostButton fields={{ intent: "unlink", identityId: account.id }} variant="warning" small>
                Unlink {label} account
              </PostButton>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
