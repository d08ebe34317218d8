// A formula wider than its column scrolls sideways; a keyboard user can only scroll what takes focus, so such
// a formula becomes a focusable region named by the catalogue (WCAG 2.1.1; axe: scrollable-region-focusable).
function fix(label, skip) {
  // Streamlit's skip link, named in the page's language (its English text is hidden by ui/text.py's sheet)
  const link = document.querySelector("[data-testid=stSkipToContent]");
  if (link && link.getAttribute("aria-label") !== skip) link.setAttribute("aria-label", skip);
  document.querySelectorAll(".katex-display").forEach((el) => {
    const scrolls = el.scrollWidth > el.clientWidth + 1;
    if (scrolls && !el.hasAttribute("tabindex")) {
      el.tabIndex = 0;
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", label);
    }
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
    requestAnimationFrame(() => { queued = false; fix(window.__a11y.formula, window.__a11y.skip); });
  };
  window.__a11yObserver = new MutationObserver(later);
  window.__a11yObserver.observe(document.body, { subtree: true, childList: true });
  window.addEventListener("resize", later);
  later();
}
