// One finger on a plotly.js chart drawn by st.plotly_chart scrolls the page, as a finger expects on a
// phone, instead of drawing plotly's zoom box (whose touchstart handler cancels the scroll). Registered
// once per browser window, in the capture phase, so that plotly's own handlers never see that touch.
// Left to plotly: two fingers, the toolbar, the legend, sliders and buttons inside the figure, 3-D
// scenes (a finger turns them), charts whose points a tap selects (clickmode "select"), and the drag
// canvas (ui/plotly_component.js), which handles its own touches.
const KEEP = ".modebar, .legend, .slider-container, .updatemenu-container, .pc-root";

function plotlyKeeps(target) {
  const gd = target.closest(".js-plotly-plot");
  if (!gd || target.closest(KEEP)) return true;
  const full = gd._fullLayout;
  if (!full || full.scene || full.geo || full.mapbox) return true;
  return String(full.clickmode || "").includes("select");
}

export default function () {
  if (window.__pcTouchGuard) return;
  window.__pcTouchGuard = true;
  window.addEventListener(
    "touchstart",
    (e) => {
      if (e.touches.length !== 1 || !(e.target instanceof Element) || plotlyKeeps(e.target)) return;
      e.stopPropagation();
    },
    { capture: true, passive: true },
  );
}
