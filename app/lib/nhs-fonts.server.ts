import { env } from "./env.server";

/** Whether pages use the NHS font from its own host (NHS_FONTS=true); otherwise they use Arial and fetch nothing. */
export const NHS_FONT_HOST = "https://assets.nhs.uk";

export function nhsFontsEnabled(): boolean {
  return env().NHS_FONTS;
}
