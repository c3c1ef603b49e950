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
