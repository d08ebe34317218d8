function loadPlotly(url) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__pcPlotlyLoading) {
    window.__pcPlotlyLoading = new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = url;
      s.async = true;
      s.onload = () => resolve(window.Plotly);
      s.onerror = () => { window.__pcPlotlyLoading = null; reject(new Error("plotly.js failed to load")); };
      document.head.appendChild(s);
    });
  }
  return window.__pcPlotlyLoading;
}

const memory = (window.__pcViews = window.__pcViews || {});

function axes(gd) {
  const full = gd._fullLayout;
  return full && full.xaxis && full.yaxis && full.xaxis._length ? [full.xaxis, full.yaxis] : null;
}

function local(st, e) {
  const r = st.plot.getBoundingClientRect();
  const p = e.touches && e.touches.length ? e.touches[0] : (e.changedTouches ? e.changedTouches[0] : e);
  return [p.clientX - r.left, p.clientY - r.top];
}

function inArea(ax, px, py) {
  const [xa, ya] = ax;
  return px >= xa._offset && px <= xa._offset + xa._length && py >= ya._offset && py <= ya._offset + ya._length;
}

function toData(ax, px, py) {
  const [xa, ya] = ax;
  const cx = Math.min(Math.max(px, xa._offset), xa._offset + xa._length);
  const cy = Math.min(Math.max(py, ya._offset), ya._offset + ya._length);
  return [xa.p2c(cx - xa._offset), ya.p2c(cy - ya._offset)];
}

function place(st, px, py) {
  st.handle.style.left = px + "px";
  st.handle.style.top = py + "px";
}

function placeAtStart(st) {
  const ax = axes(st.plot);
  const start = st.data && st.data.start;
  // no axes: plotly.js is between two drawings of the figure; the ring stays where it is until the next
  // plotly_afterplot places it (hidden meanwhile, a student reaching for it found nothing for a moment)
  if (!ax && st.handle.style.display === "block") return;
  if (!ax || !st.data.draggable || !start || st.dragging || st.keyAt) {
    if (!st.dragging && !st.keyAt) st.handle.style.display = "none";
    return;
  }
  handleLabel(st, start[0], start[1]);
  const px = ax[0]._offset + ax[0].c2p(start[0]);
  const py = ax[1]._offset + ax[1].c2p(start[1]);
  const visible = isFinite(px) && isFinite(py) && inArea(ax, px, py);
  st.handle.style.display = visible ? "block" : "none";
  if (visible) place(st, px, py);
}

function send(st, x, y, at) {
  // `at`: the release's own event time (the benchmark's release -> path on screen starts there)
  const digits = st.data.digits == null ? 4 : st.data.digits;
  const round = (v) => Number(v.toFixed(digits));
  const shown = st.data.start;
  if (shown && round(x) === shown[0] && round(y) === shown[1]) {
    // Dropped back on the start shown: the server would send the same figure, which Streamlit never
    // hands to the component again, so the preview would stay over the plot. Nothing to send.
    if (st.pv) previewClear(st);
    placeAtStart(st);
    return;
  }
  st.sent = (st.sent || 0) + 1;
  st.sentAt = at === undefined ? performance.now() : at;
  st.data.start = [round(x), round(y)];
  const value = { x: round(x), y: round(y), n: st.sent };
  let asked = false;
  const rerun = () => {
    // once, and only for the newest start (a start moved again meanwhile sends its own)
    if (asked || st.sent !== value.n) return;
    asked = true;
    st.setStateValue("start", value);
  };
  if (!fastLane(st, value, rerun)) rerun();
}

// How long the rerun waits for the fast lane's figure at most: a slow or absent lane holds nothing back.
const LANE_WAIT_MS = 250;

function fastLane(st, value, rerun) {
  // The dropped start's figure straight from the server (ui/drop_route.py), drawn at once; the rerun
  // (readout, inputs, tables, URL) is asked for once it is painted: Streamlit's frontend re-renders the
  // whole page for a rerun, which would hold the path's frame back. The rerun brings the same figure.
  const url = st.data.confirm;
  if (!url) return false;
  const timer = setTimeout(rerun, LANE_WAIT_MS);
  const { x, y, n } = value;
  fetch(url + "&x=" + x + "&y=" + y, { credentials: "same-origin", cache: "no-store" })
    .then((r) => (r.ok ? r.json() : null))
    .then((figure) => {
      if (!figure || st.sent !== n || st.rerunFor === n || st.dragging || st.keyAt) return rerun();
      st.arrivedAt = performance.now();
      const painted = () => { clearTimeout(timer); rerun(); };
      st.pending = Object.assign({}, st.data, { figure, start: [x, y], confirmed: n, painted });
      st.pump(st);
    })
    // no fast lane (a plain `streamlit run app.py`, a server gone): the rerun alone brings the figure
    .catch(rerun);
  return true;
}

function tip(st, px, py, x, y) {
  st.tip.style.display = "block";
  st.tip.style.left = (px + 14) + "px";
  st.tip.style.top = (py - 26) + "px";
  st.tip.textContent = "(" + x.toFixed(3) + ", " + y.toFixed(3) + ")";
}

function listen(st) {
  const down = (e) => {
    if (!st.data || !st.data.draggable || (e.button !== undefined && e.button !== 0)) return;
    const ax = axes(st.plot);
    if (!ax) return;
    const [px, py] = local(st, e);
    if (!inArea(ax, px, py)) return;
    const onHandle = e.target === st.handle;
    // Touch: one finger elsewhere on the plot is the page's (a swipe scrolls, a tap moves the start),
    // never plotly's zoom box; two fingers are the browser's pinch zoom.
    if (e.touches && (e.touches.length > 1 || !onHandle)) e.stopPropagation();
    if (e.touches && e.touches.length > 1) return;
    if (onHandle) {
      // Ours, not plotly's: stop the event before plotly.js starts a zoom box on it.
      e.stopPropagation();
      e.preventDefault();
      st.dragging = true;
      st.handle.classList.add("pc-dragging");
    }
    const t0 = Date.now();
    // where the drag last took the ring, kept inside the plotting area: what the preview shows, and what
    // the release sends; null until the pointer has moved (a click on the ring moves nothing)
    let last = null;
    const move = (ev) => {
      if (!st.dragging) return;
      ev.preventDefault();
      // plotly.js's hover search would run on every move under the ring for nothing (a label we hide),
      // delaying the preview and the release behind it
      ev.stopPropagation();
      const [mx, my] = local(st, ev);
      if (!last && Math.hypot(mx - px, my - py) < 3) return;
      const [cx, cy] = [Math.min(Math.max(mx, ax[0]._offset), ax[0]._offset + ax[0]._length),
                        Math.min(Math.max(my, ax[1]._offset), ax[1]._offset + ax[1]._length)];
      last = [cx, cy];
      place(st, cx, cy);
      const [x, y] = toData(ax, cx, cy);
      tip(st, cx, cy, x, y);
      previewMove(st, x, y, ev.timeStamp);
    };
    const up = (ev) => {
      window.removeEventListener("mousemove", move, true);
      window.removeEventListener("mouseup", up, true);
      window.removeEventListener("touchmove", move, true);
      window.removeEventListener("touchend", up, true);
      window.removeEventListener("touchcancel", up, true);
      const [ux, uy] = local(st, ev);
      st.tip.style.display = "none";
      if (st.dragging) {
        st.dragging = false;
        st.handle.classList.remove("pc-dragging");
        if (!last) {
          placeAtStart(st);
          return;
        }
        const [x, y] = toData(ax, last[0], last[1]);
        send(st, x, y, ev.timeStamp);
        return;
      }
      // A click (no drag, short) anywhere on the plot area moves the point there too.
      if (Math.hypot(ux - px, uy - py) < 5 && Date.now() - t0 < 800 && inArea(ax, ux, uy)) {
        // a tap: no emulated mouse click after it (it would send the point twice)
        if (ev.changedTouches) ev.preventDefault();
        const [x, y] = toData(ax, ux, uy);
        place(st, ux, uy);
        st.handle.style.display = "block";
        send(st, x, y, ev.timeStamp);
      }
    };
    window.addEventListener("mousemove", move, true);
    window.addEventListener("mouseup", up, true);
    window.addEventListener("touchmove", move, { capture: true, passive: false });
    window.addEventListener("touchend", up, true);
    window.addEventListener("touchcancel", up, true);
  };
  st.root.addEventListener("mousedown", down, true);
  st.root.addEventListener("touchstart", down, { capture: true, passive: false });
}

function remember(st, ev) {
  const view = memory[st.key] || (memory[st.key] = {});
  if (ev["scene.camera"]) view.camera = ev["scene.camera"];
  if (ev["xaxis.range[0]"] !== undefined) view.x = [ev["xaxis.range[0]"], ev["xaxis.range[1]"]];
  if (ev["yaxis.range[0]"] !== undefined) view.y = [ev["yaxis.range[0]"], ev["yaxis.range[1]"]];
  if (ev["xaxis.autorange"] || ev["autosize"]) { delete view.x; delete view.y; }
  view.uirevision = st.data.figure.layout && st.data.figure.layout.uirevision;
}

export default async function (component) {
  const { data, parentElement, setStateValue } = component;
  let st = parentElement.__pc;
  if (!st) {
    const root = document.createElement("div");
    root.className = "pc-root";
    const plot = document.createElement("div");
    plot.className = "pc-plot";
    const handle = document.createElement("div");
    handle.className = "pc-handle";
    const tipEl = document.createElement("div");
    tipEl.className = "pc-tip";
    st = parentElement.__pc = { root, plot, handle, tip: tipEl, fresh: true, pump: pumpFrames, drawNext: draw };
    st.player = makePlayer(st);
    // The player first: before the plot's toolbar in tab order (CSS shows it below the plot).
    root.append(st.player.bar, plot, handle, tipEl, st.player.live);
    parentElement.appendChild(root);
    listen(st);
    handleKeys(st);
    watchWidth(st);
  }
  // the rerun of the last point sent has come (a lane slower than LANE_WAIT_MS): its figure is not drawn
  const sent = st.data && st.data.start;
  if (st.sent && sent && data.start && data.start[0] === sent[0] && data.start[1] === sent[1]) st.rerunFor = st.sent;
  st.data = data;
  st.key = data.key;
  st.setStateValue = setStateValue;
  st.pending = data;
  st.arrivedAt = performance.now();
  await pumpFrames(st);
}

async function draw(st, data) {
  const Plotly = await loadPlotly(data.plotly_url);
  const times = timing(st);
  // only a draggable chart has releases to hurry (and a 3-D surface's text is long)
  const shape = data.draggable ? figureShape(st, data) : null;
  if (sameFigure(st, shape)) {
    // plotly.js holds this very figure (the fast lane drew it before the rerun brought it): no redraw
    previewArm(st, data);
    placeAtStart(st);
    drawn(st, data, shape, times);
    return;
  }
  if (data.confirmed) times.confirmed = data.confirmed;
  if (quickDraw(st, data, shape)) {
    // The server's new traces are on screen (drawn over the plot, see quickDraw); plotly.js catches up
    // after the browser has painted them, unless a newer figure came in meanwhile.
    st.root.dataset.revision = String(data.revision);
    if (data.confirmed) st.root.dataset.confirmed = String(data.confirmed);
    times.drawn = performance.now();
    await afterPaint();
    times.painted = performance.now();
    if (data.painted) data.painted();
    if (st.pending) return;
  }
  const fig = data.figure;
  const sized = axesMakeRoom(Object.assign({}, fig.layout || {}));
  if (data.height) sized.height = data.height;
  // a new object: on a phone the layout drops the figure's fixed width
  const layout = narrowLayout(st, sized);
  const view = memory[st.key];
  if (st.fresh && view && view.uirevision === layout.uirevision) {
    // A remounted chart (page revisited): give back the camera / zoom the student left it with.
    if (view.camera && layout.scene) layout.scene = Object.assign({}, layout.scene, { camera: view.camera });
    if (view.x && layout.xaxis) layout.xaxis = Object.assign({}, layout.xaxis, { range: view.x, autorange: false });
    if (view.y && layout.yaxis) layout.yaxis = Object.assign({}, layout.yaxis, { range: view.y, autorange: false });
  }
  const config = Object.assign({ responsive: true, displaylogo: false }, data.config || {});
  // No frames for plotly.js: the player (plotly_player.js) paints them itself.
  playerStop(st);
  await Plotly.react(st.plot, { data: fig.data, layout, config });
  playerArm(st, fig);
  previewArm(st, data);
  if (st.fresh) {
    st.plot.on("plotly_relayout", (ev) => { remember(st, ev); placeAtStart(st); });
    st.plot.on("plotly_afterplot", () => placeAtStart(st));
    st.fresh = false;
  }
  placeAtStart(st);
  drawn(st, data, shape, times);
}

function axesMakeRoom(layout) {
  // Every 2-D axis may widen the margins to hold its tick labels and title, as Streamlit's theme lets the
  // axes of st.plotly_chart charts do: presenter mode's larger text ("w0" sat on the "0" tick below it)
  // and a phone's legend at the foot stay clear of them.
  for (const name of Object.keys(layout)) {
    if (/^[xy]axis\d*$/.test(name)) layout[name] = Object.assign({ automargin: true }, layout[name]);
  }
  return layout;
}

function sameFigure(st, shape) {
  const was = st.plotted;
  if (!was || !shape || st.fresh || shape.layout !== was.layout) return false;
  return shape.traces.length === was.traces.length && shape.traces.every((t, i) => t === was.traces[i]);
}

function drawn(st, data, shape, times) {
  // plotly.js holds `data` now.
  st.plotted = shape;
  st.root.dataset.revision = String(data.revision);
  st.root.dataset.plotted = String(data.revision);
  if (data.confirmed) st.root.dataset.confirmed = String(data.confirmed);
  times.plotted = performance.now();
  times.drawn = times.drawn || times.plotted;
  times.painted = times.painted || times.plotted;
  if (data.painted) data.painted();
}

function timing(st) {
  // One record per draw, in performance.now() ms, for benchmarks/level_sets.py: the last point sent, the
  // data's arrival, the draw's start, the server's figure drawn and then painted, plotly.js done (plotted).
  st.log = st.log || [];
  const times = { sent: st.sentAt, arrived: st.arrivedAt, start: performance.now() };
  st.log.push(times);
  if (st.log.length > 200) st.log.shift();
  return times;
}

function afterPaint() {
  // After the next frame is painted; a hidden tab paints no frames, so not later than 100 ms.
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => setTimeout(() => { clearTimeout(timer); resolve(); }, 0));
  });
}
