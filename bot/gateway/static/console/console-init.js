// Starts GOV.UK Frontend's components. GOV.UK's page template does this
// marking with an inline script, which the console's CSP does not allow;
// a browser that runs modules is one GOV.UK Frontend supports.
import { initAll } from "/console/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
