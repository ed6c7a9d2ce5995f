export const SERVICE_NAME = "Care Portfolio";
const ERROR_PREFIX = "Error: ";

/** "Training – Jack Thompson – Care Portfolio": where you are, whose record it is, then the service. */
export function pageTitle(...parts: (string | null | undefined)[]): string {
  return [...parts.filter((p): p is string => Boolean(p)), SERVICE_NAME].join(" – ");
}

/** The title while a form on the page shows errors, as the NHS error summary pattern asks. */
export function errorTitle(title: string): string {
  return title.startsWith(ERROR_PREFIX) ? title : ERROR_PREFIX + title;
}

export function withoutErrorPrefix(title: string): string {
  return title.startsWith(ERROR_PREFIX) ? title.slice(ERROR_PREFIX.length) : title;
}
