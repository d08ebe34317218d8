// Every chart drawn by st.plotly_chart gets the phone layout of narrow_layout.js (concatenated before this
// file) while the screen is narrower than NARROW_PX, and its own layout back when it is wide again (a tablet
// turned). The screen, not the chart: a wide screen's charts in columns keep the layout drawn for them.
// Streamlit draws these charts with its bundled plotly.js, which it puts on window.Plotly; its React
// wrapper keeps what Plotly.relayout changed (it copies the graph's layout back after a relayout), so the
// phone layout survives Streamlit's redraws. The figure's own legend and margins ride along in the layout
// (WIDE) while the phone layout is on: a chart redrawn from that saved layout still knows its wide one.
const WIDE = "pcWide";
const CHARTS = "[data-testid=stPlotlyChart] .js-plotly-plot";

function fitChart(gd) {
  const Plotly = window.Plotly;
  const layout = gd.layout;
  // a hidden tab's chart is fitted when it is shown (and drawn again)
  if (!Plotly || !layout || !gd._fullLayout || gd.__pcFitting || gd.getBoundingClientRect().width === 0) return;
  const narrow = isNarrowWidth(document.documentElement.clientWidth);
  const wide = layout[WIDE];
  let update = null;
  if (narrow && !wide && gd._fullLayout.showlegend) {
    const saved = { legend: layout.legend || null, margin: layout.margin || null };
    update = Object.assign(phoneLayout(layout), { [WIDE]: saved });
  } else if (!narrow && wide) {
    update = { legend: wide.legend, margin: wide.margin, [WIDE]: null };
  }
  const scales = scalesToFlip(gd, narrow);
  if (!update && !scales.length) return;
  gd.__pcFitting = true;
  const restyled = scales.length ? Plotly.restyle(gd, { showscale: !narrow }, scales) : Promise.resolve();
  restyled
    .then(() => (update ? Plotly.relayout(gd, update) : null))
    .finally(() => {
      gd.__pcFitting = false;
      gd.dataset.phoneLayout = narrow ? "1" : "0";
    });
}

function scalesToFlip(gd, narrow) {
  // Maps whose regions are named inside them (core/figures/convexity.py NAMED_REGIONS): no colour bar on a
  // phone, where it took half the width from the map; back on a wide screen. A redrawn figure brings its
  // colour bar again, and the next plotly_afterplot takes it away.
  return (gd.data || [])
    .map((trace, i) => [trace, i])
    .filter(([trace]) => trace.meta && trace.meta.narrow === "no_colour_bar")
    .filter(([trace]) => (trace.showscale === false) !== narrow)
    .map(([, i]) => i);
}

function watchChart(gd) {
  if (gd.__pcWatched || typeof gd.on !== "function") return;
  gd.__pcWatched = true;
  // after every draw: a new figure from the server, a new width from Streamlit, a shown tab
  gd.on("plotly_afterplot", () => fitChart(gd));
  fitChart(gd);
}

export default function () {
  if (window.__pcChartLayout) return;
  window.__pcChartLayout = true;
  let queued = false;
  const scan = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      document.querySelectorAll(CHARTS).forEach(watchChart);
    });
  };
  new MutationObserver(scan).observe(document.body, { subtree: true, childList: true });
  window.addEventListener("resize", () => document.querySelectorAll(CHARTS).forEach(fitChart));
  scan();
}
