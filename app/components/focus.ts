import { useNavigation, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";

/** Moves focus to an element that is not normally focusable, without scrolling past it. */
export function focusElement(el: HTMLElement | null): boolean {
  if (!el) return false;
  if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
  el.focus();
  return document.activeElement === el;
}

/**
 * Keyboard and screen-reader users are never left on <body> after the page changes under them:
 * - after a form posts (Return, Accept, Sign off...), focus goes to the error summary (which takes it itself),
 *   else to the confirmation message, else to the page heading;
 * - after moving to another page, focus goes to the new page's heading, so its name is read out;
 * - a GET form on the same page (a filter) leaves focus where it is: its result count is a live region.
 */
export function useFocusAfterNavigation() {
  const location = useLocation();
  const navigation = useNavigation();
  const lastSubmission = useRef<string | undefined>(undefined);
  const previousPath = useRef(location.pathname);
  useEffect(() => {
    if (navigation.state !== "idle") lastSubmission.current = navigation.formMethod?.toUpperCase();
  }, [navigation.state, navigation.formMethod]);

  // A post sent before the page finished loading (or without JavaScript) answers with a whole new page: its
  // confirmation takes focus just as after a post the script sent. The error summary focuses itself.
  useEffect(() => {
    if (!document.querySelector(".nhsuk-error-summary"))
      focusElement(document.querySelector<HTMLElement>("#maincontent [data-confirmation]"));
  }, []);

  useEffect(() => {
    const posted = lastSubmission.current !== undefined && lastSubmission.current !== "GET";
    const movedPage = previousPath.current !== location.pathname;
    lastSubmission.current = undefined;
    previousPath.current = location.pathname;
    if (!posted && !movedPage) return;
    if (document.querySelector(".nhsuk-error-summary")) return;
    const main = document.getElementById("maincontent");
    if (posted && focusElement(main?.querySelector<HTMLElement>("[data-confirmation]") ?? null)) return;
    if (!focusElement(main?.querySelector<HTMLElement>("h1") ?? null)) focusElement(main);
  }, [location.key]); // eslint-disable-line react-hooks/exhaustive-deps -- runs once per completed navigation
}
