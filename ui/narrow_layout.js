// ---- Phones and tablets: one narrow layout for every chart ----
// Shared by the drag canvas (plotly_component_preview.js narrowLayout) and the charts drawn by
// st.plotly_chart (chart_layout.js). Narrower than NARROW_PX (the canvas measures itself, the other charts
// the screen), a chart gets its legend in rows at the foot of the figure, below the plot, its tick labels
// and axis titles, where the toolbar (top right) cannot cover it, and small side margins, so that the plot
// uses the full width.
const NARROW_PX = 900;

function isNarrowWidth(width) {
  return width > 0 && width < NARROW_PX;
}

function phoneLayout(layout) {
  const margin = Object.assign({}, layout.margin || {});
  margin.l = Math.min(margin.l === undefined ? 50 : margin.l, 40);
  margin.r = Math.min(margin.r === undefined ? 20 : margin.r, 8);
  // the top margin held a legend above the plot; a title keeps its room (the axes' automargin and the
  // legend's own push give back what ticks and the legend need)
  if (!titled(layout)) margin.t = Math.min(margin.t === undefined ? 30 : margin.t, 34);
  // The foot of the container, not a fraction of the plot's height: the same gap on a short chart as on a
  // tall one, and the legend pushes the bottom margin by its own height.
  const legend = Object.assign({}, layout.legend || {}, {
    orientation: "h", x: 0, xanchor: "left", xref: "paper", y: 0, yanchor: "bottom", yref: "container",
  });
  return { legend, margin };
}

function titled(layout) {
  const title = layout.title;
  return Boolean(title && (typeof title === "string" ? title : title.text));
}
