// A formula wider than its column scrolls sideways; a keyboard user can only scroll what takes focus, so such
// a formula becomes a focusable region named by the catalogue (WCAG 2.1.1; axe: scrollable-region-focusable).
function fix({ formula: label, skip, helpFor, help }) {
  // Streamlit's skip link, named in the page's language (its English text is hidden by ui/text.py's sheet)
  const link = document.querySelector("[data-testid=stSkipToContent]");
  if (link && link.getAttribute("aria-label") !== skip) link.setAttribute("aria-label", skip);
  helpNames(helpFor, help);
  document.querySelectorAll(".katex-display").forEach((el) => {
    const scrolls = el.scrollWidth > el.clientWidth + 1;
    if (scrolls && !el.hasAttribute("tabindex")) {
      el.tabIndex = 0;
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", label);
    }
  });
}

// Streamlit names the help icon of a widget with `help=` "Help for <its label>" (or "Help"), in English
// whatever the page's language: the same label goes into the catalogue's sentence. A renamed icon no longer
// starts with Streamlit's words, so it is renamed once; in English the names are already the catalogue's.
const STREAMLIT_HELP_FOR = "Help for ";

function helpNames(helpFor, help) {
  document.querySelectorAll("[data-testid=stTooltipIcon] [aria-label]").forEach((el) => {
    const name = el.getAttribute("aria-label");
    let named = null;
    if (name.startsWith(STREAMLIT_HELP_FOR)) {
      named = helpFor.replace("{label}", name.slice(STREAMLIT_HELP_FOR.length));
    } else if (name === "Help") {
      named = help;
    }
    if (named !== null && named !== name) el.setAttribute("aria-label", named);
  });
}

export default function (component) {
  const { data } = component;
  window.__a11y = data;
  if (window.__a11yObserver) return;
  let queued = false;
  const later = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fix(window.__a11y); });
  };
  window.__a11yObserver = new MutationObserver(later);
  window.__a11yObserver.observe(document.body, { subtree: true, childList: true });
  window.addEventListener("resize", later);
  later();
}
