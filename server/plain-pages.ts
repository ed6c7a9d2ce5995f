/**
 * Pages the server answers with before the app runs (the request never reaches Remix), so they cannot use the
 * app's layout. Plain, self-contained HTML: no scripts, no styles the Content-Security-Policy would block.
 */
function page(title: string, paragraphs: string[]): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en-GB">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title} – Care Portfolio</title></head>`,
    '<body><main id="maincontent">',
    `<h1>${title}</h1>`,
    ...paragraphs.map((p) => `<p>${p}</p>`),
    '<p><a href="/">Go to your home page</a></p>',
    "</main></body></html>",
  ].join("\n");
}

export function tooLargePage(formLimitKb: number): string {
  return page("What you sent is too large", [
    `A form can hold up to ${formLimitKb} KB of text, and each file you attach must be smaller than 10MB.`,
    "Nothing has been saved. Go back, shorten what you entered or choose smaller files, and try again.",
  ]);
}

export const crossSitePage = page("This request came from another site", [
  "It was refused to protect your account. Nothing has been saved.",
]);

export const serverErrorPage = (requestId: string | undefined) =>
  page("Sorry, there is a problem with the service", [
    "Try again later. What you entered has not been saved unless you saw a confirmation.",
    ...(requestId ? [`If you report this problem, quote this reference: ${requestId}`] : []),
  ]);

export const badRequestPage = page("Sorry, this request could not be understood", ["Nothing has been saved."]);

export const notAFormPage = page("This request was not sent from a form", [
  "Care Portfolio only takes what its own pages send. Nothing has been saved.",
]);
