// A formula wider than its column scrolls sideways; a keyboard user can only scroll what takes focus, so such
// a formula becomes a focusable region named by the catalogue (WCAG 2.1.1; axe: scrollable-region-focusable).
function fix(label) {
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
  window.__a11yLabel = data.formula;
  if (window.__a11yObserver) return;
  let queued = false;
  const later = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fix(window.__a11yLabel); });
  };
  window.__a11yObserver = new MutationObserver(later);
  window.__a11yObserver.observe(document.body, { subtree: true, childList: true });
  window.addEventListener("resize", later);
  later();
}
