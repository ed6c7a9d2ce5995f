/** The only bodies a browser's form post sends; anything else is not for this app. */
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

export function isFormContentType(header: string | null | undefined): boolean {
  return FORM_TYPES.has(header?.split(";")[0]!.trim().toLowerCase() ?? "");
}
