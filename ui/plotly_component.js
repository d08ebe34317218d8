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
  if (!ax || !st.data.draggable || !start || st.dragging) { if (!st.dragging) st.handle.style.display = "none"; return; }
  const px = ax[0]._offset + ax[0].c2p(start[0]);
  const py = ax[1]._offset + ax[1].c2p(start[1]);
  const visible = isFinite(px) && isFinite(py) && inArea(ax, px, py);
  st.handle.style.display = visible ? "block" : "none";
  if (visible) place(st, px, py);
}

function send(st, x, y) {
  const digits = st.data.digits == null ? 4 : st.data.digits;
  const round = (v) => Number(v.toFixed(digits));
  st.sent = (st.sent || 0) + 1;
  st.data.start = [round(x), round(y)];
  st.setStateValue("start", { x: round(x), y: round(y), n: st.sent });
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
    if (onHandle) {
      // Ours, not plotly's: stop the event before plotly.js starts a zoom box on it.
      e.stopPropagation();
      e.preventDefault();
      st.dragging = true;
      st.handle.classList.add("pc-dragging");
    }
    const t0 = Date.now();
    const move = (ev) => {
      if (!st.dragging) return;
      ev.preventDefault();
      const [mx, my] = local(st, ev);
      const [cx, cy] = [Math.min(Math.max(mx, ax[0]._offset), ax[0]._offset + ax[0]._length),
                        Math.min(Math.max(my, ax[1]._offset), ax[1]._offset + ax[1]._length)];
      place(st, cx, cy);
      const [x, y] = toData(ax, cx, cy);
      tip(st, cx, cy, x, y);
    };
    const up = (ev) => {
      window.removeEventListener("mousemove", move, true);
      window.removeEventListener("mouseup", up, true);
      window.removeEventListener("touchmove", move, true);
      window.removeEventListener("touchend", up, true);
      const [ux, uy] = local(st, ev);
      st.tip.style.display = "none";
      if (st.dragging) {
        st.dragging = false;
        st.handle.classList.remove("pc-dragging");
        const [x, y] = toData(ax, ux, uy);
        send(st, x, y);
        return;
      }
      // A click (no drag, short) anywhere on the plot area moves the point there too.
      if (Math.hypot(ux - px, uy - py) < 5 && Date.now() - t0 < 800 && inArea(ax, ux, uy)) {
        const [x, y] = toData(ax, ux, uy);
        place(st, ux, uy);
        st.handle.style.display = "block";
        send(st, x, y);
      }
    };
    window.addEventListener("mousemove", move, true);
    window.addEventListener("mouseup", up, true);
    window.addEventListener("touchmove", move, { capture: true, passive: false });
    window.addEventListener("touchend", up, true);
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

function numbers(v) {
  // plotly's typed-array spec ({dtype, bdata}) or a plain list, as a plain array.
  if (!v || Array.isArray(v) || !v.bdata) return v || [];
  const bin = atob(v.bdata);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const kind = { f4: Float32Array, f8: Float64Array }[v.dtype] || Float64Array;
  return Array.from(new kind(bytes.buffer));
}

function sliceFrames(fig) {
  // Frame k: each path up to step k, and a marker trace at each path's point k (last if shorter).
  // The traces keep their type and axes: scatter (x, y) or scatter3d (x, y, z).
  const { traces, indices } = fig.animation;
  const head = fig.data[traces[traces.length - 1]];
  const type = head.type || "scatter", axes = "z" in head ? ["x", "y", "z"] : ["x", "y"];
  const paths = traces.slice(0, -1).map((i) => axes.map((a) => numbers(fig.data[i][a])));
  const trace = (extra, values) => Object.assign({ type }, extra, ...axes.map((a, j) => ({ [a]: values(j) })));
  return indices.map((k) => ({
    name: String(k),
    traces,
    data: paths.map((p) => trace({}, (j) => p[j].slice(0, k + 1))).concat([
      trace({ marker: head.marker }, (j) => paths.map((p) => p[j][Math.min(k, p[j].length - 1)])),
    ]),
  }));
}

// The player: play / pause, one step back or forward, and a scrubber over the frames. Plain HTML, not
// plotly's slider (which measures and draws all of its step labels on every redraw, half of a drag's
// redraw). Frames are painted with Plotly.react, not Plotly.animate: plotly.js drops the layers of
// traces it cannot animate (the contour) during an animation, leaving the paths on a white plot.
const FRAME_MS = 50;

function player(st) {
  const bar = document.createElement("div");
  bar.className = "pc-player";
  const button = (cls, text) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = cls;
    b.textContent = text;
    bar.appendChild(b);
    return b;
  };
  const p = {
    bar,
    play: button("pc-play", "▶"),
    back: button("pc-back", "|◀"),
    forward: button("pc-forward", "▶|"),
    range: Object.assign(document.createElement("input"), { type: "range", min: 0, step: 1, className: "pc-range" }),
    label: Object.assign(document.createElement("span"), { className: "pc-step" }),
  };
  bar.append(p.range, p.label);
  p.play.onclick = () => (p.timer ? stop(st) : play(st));
  p.back.onclick = () => { stop(st); show(st, p.at - 1); };
  p.forward.onclick = () => { stop(st); show(st, p.at + 1); };
  p.range.oninput = () => { stop(st); show(st, Number(p.range.value)); };
  return p;
}

function show(st, i) {
  const p = st.player, spec = p.spec;
  if (!spec) return;
  p.at = Math.max(0, Math.min(spec.indices.length - 1, i));
  p.range.value = String(p.at);
  p.label.textContent = spec.labels.step + " " + spec.indices[p.at];
  pump(st);
}

function play(st) {
  const p = st.player, last = p.spec.indices.length - 1;
  if (p.at >= last) show(st, 0);
  p.play.textContent = "❚❚";
  p.play.title = p.spec.labels.pause;
  // Time-based: when a redraw is slower than a frame, frames are skipped, never queued up.
  const t0 = performance.now() - p.at * FRAME_MS;
  p.timer = setInterval(() => {
    const k = Math.floor((performance.now() - t0) / FRAME_MS);
    show(st, Math.min(k, last));
    if (k >= last) stop(st);
  }, FRAME_MS / 2);
}

function stop(st) {
  const p = st.player;
  clearInterval(p.timer);
  p.timer = null;
  p.play.textContent = "▶";
  if (p.spec) p.play.title = p.spec.labels.play;
}

function arm(st, spec, frames) {
  // A new figure shows the paths' last frame; the player starts there, stopped.
  const p = st.player;
  stop(st);
  p.spec = spec;
  p.frames = frames;
  p.bar.classList.toggle("pc-on", !!spec);
  if (!spec) return;
  p.back.title = spec.labels.back;
  p.forward.title = spec.labels.forward;
  p.play.title = spec.labels.play;
  p.range.setAttribute("aria-label", spec.labels.step);
  p.range.max = String(spec.indices.length - 1);
  p.at = p.shown = spec.indices.length - 1;
  p.range.value = String(p.at);
  p.label.textContent = spec.labels.step + " " + spec.indices[p.at];
  p.bar.dataset.step = String(spec.indices[p.at]);
}

async function paint(st, i) {
  const p = st.player, f = p.frames[i], data = st.plot.data.slice();
  f.traces.forEach((t, j) => { data[t] = Object.assign({}, data[t], f.data[j]); });
  await window.Plotly.react(st.plot, data, st.plot.layout);
  p.shown = i;
  p.bar.dataset.step = String(p.spec.indices[i]);
}

// The one loop that calls plotly.js, so that draws never overlap: the newest figure first (a stale
// figure is never drawn after, and over, the one a drag's rerun sent), then the player's frame.
async function pump(st) {
  if (st.drawing) return;
  st.drawing = true;
  try {
    for (;;) {
      if (st.pending) {
        const next = st.pending;
        st.pending = null;
        await draw(st, next);
      } else if (st.player.spec && st.player.at !== st.player.shown) {
        await paint(st, st.player.at);
      } else break;
    }
  } finally {
    st.drawing = false;
  }
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
    root.append(plot, handle, tipEl);
    parentElement.appendChild(root);
    st = parentElement.__pc = { root, plot, handle, tip: tipEl, fresh: true };
    st.player = player(st);
    root.appendChild(st.player.bar);
    listen(st);
  }
  st.data = data;
  st.key = data.key;
  st.setStateValue = setStateValue;
  st.pending = data;
  await pump(st);
}

async function draw(st, data) {
  const Plotly = await loadPlotly(data.plotly_url);
  const fig = data.figure;
  const layout = Object.assign({}, fig.layout || {});
  if (data.height) layout.height = data.height;
  const view = memory[st.key];
  if (st.fresh && view && view.uirevision === layout.uirevision) {
    // A remounted chart (page revisited): give back the camera / zoom the student left it with.
    if (view.camera && layout.scene) layout.scene = Object.assign({}, layout.scene, { camera: view.camera });
    if (view.x && layout.xaxis) layout.xaxis = Object.assign({}, layout.xaxis, { range: view.x, autorange: false });
    if (view.y && layout.yaxis) layout.yaxis = Object.assign({}, layout.yaxis, { range: view.y, autorange: false });
  }
  const config = Object.assign({ responsive: true, displaylogo: false }, data.config || {});
  const frames = fig.animation ? sliceFrames(fig) : fig.frames || [];
  stop(st);
  await Plotly.react(st.plot, { data: fig.data, layout, frames, config });
  arm(st, fig.animation || null, frames);
  if (st.fresh) {
    st.plot.on("plotly_relayout", (ev) => { remember(st, ev); placeAtStart(st); });
    st.plot.on("plotly_afterplot", () => placeAtStart(st));
    st.fresh = false;
  }
  placeAtStart(st);
  st.root.dataset.revision = String(data.revision);
}
