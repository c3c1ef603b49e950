// Progressive enhancement: pages work without this script.
// Load at the end of <body>:
//   <script type="module" src="{% static 'js/app.mjs' %}"></script>
// Imports are relative so they follow STATIC_URL: "../dist/js/..." is
// /static/dist/js/... when STATIC_URL is /static/.
import { initAll } from "../dist/js/govuk-frontend.min.js";

initAll();

// MOJ Frontend components (sortable table, filters, button menu, ...).
// Loaded separately so a failure here never stops GOV.UK Frontend.
import("../dist/js/moj-frontend.min.js")
  .then((moj) => {
    if (typeof moj.initAll === "function") {
      moj.initAll();
    }
  })
  .catch((error) => {
    console.error("MOJ Frontend failed to load", error);
  });

// A document being built by the task worker: check its status in the
// background and update the page's status region (announced politely), so
// the page never refreshes itself under the reader. Without JavaScript the
// page has a "Check again" link.
const documentStatus = document.querySelector("[data-document-building]");
if (documentStatus) {
  const poll = async () => {
    try {
      const response = await fetch(window.location.href, {
        headers: { Accept: "text/html" },
        credentials: "same-origin",
      });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById(documentStatus.id);
      if (fresh) {
        documentStatus.innerHTML = fresh.innerHTML;
        if (!fresh.hasAttribute("data-document-building")) {
          documentStatus.removeAttribute("data-document-building");
          return;
        }
      }
    } catch (error) {
      console.error("Could not check the document's status", error);
    }
    window.setTimeout(poll, 3000);
  };
  window.setTimeout(poll, 3000);
}
