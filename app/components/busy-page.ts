import nhsukStyles from "nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css?url";

/** What someone asking for a PDF is told when every PDF worker is busy and the queue is full. */
export const PDF_BUSY_MESSAGE = "The service is busy making other PDFs. Try again in a minute.";
const RETRY_AFTER_SECONDS = 60;

// A download link has no page of its own to render into, so this is a whole page: NHS styles, no scripts.
const busyPage = (message: string) => `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sorry, the service is busy – Care Portfolio</title>
<link rel="stylesheet" href="${nhsukStyles}">
</head>
<body>
<a class="nhsuk-skip-link" href="#maincontent">Skip to main content</a>
<header class="nhsuk-header" role="banner">
<div class="nhsuk-header__container nhsuk-width-container">
<div class="nhsuk-header__service">
<a class="nhsuk-header__service-logo" href="/"><span class="nhsuk-header__service-name">Care Portfolio</span></a>
</div>
</div>
</header>
<div class="nhsuk-width-container">
<main class="nhsuk-main-wrapper" id="maincontent">
<h1>Sorry, the service is busy</h1>
<p>${message}</p>
<p>Nothing has been lost: go back and download it again.</p>
<p><a href="/">Go to your home page</a></p>
</main>
</div>
</body>
</html>`;

/** 503 with Retry-After and a page saying why: nothing was started, and asking again shortly is likely to work. */
const busyResponse = (message: string) =>
  new Response(busyPage(message), {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Retry-After": String(RETRY_AFTER_SECONDS),
      "Cache-Control": "no-store",
    },
  });

/** Every PDF worker is busy and the queue is full. */
export const pdfBusyResponse = (): Response => busyResponse(PDF_BUSY_MESSAGE);

/** What someone asking for an export is told while its figures are being brought up to date (FiguresBeingUpdated). */
export const FIGURES_UPDATING_MESSAGE =
  "The figures are being brought up to date after a change of date or of the training rules. Try again in a minute.";

export const figuresUpdatingResponse = (): Response => busyResponse(FIGURES_UPDATING_MESSAGE);
