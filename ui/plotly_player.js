// The animation player: one for every view of the app and for the standalone HTML export
// (core/figures/standalone.py inlines this file). Spec: core/figures/player.py.
//
// Frames are painted with Plotly.react over the whole figure, never with Plotly.animate: plotly.js drops
// the layers of traces it cannot animate (contours, heatmaps) during an animation, leaving the paths on a
// white plot. Only the spec's `traces` change from frame to frame; every other layer stays on screen.
//
// A position is a step for a "paths" spec (every step exists: one step forward is one step, whatever the
// sampling of the frames that play shows) and a frame number for a "frames" spec (explicit frames).
// Needs `st.plot` (the plotly graph div) and `st.pump` (the loop that calls plotly.js, see pumpFrames).
const PLAYER_FRAME_MS = 50;

function playerNumbers(v) {
  // plotly's typed-array spec ({dtype, bdata}) or a plain list, as a plain array.
  if (!v || Array.isArray(v) || !v.bdata) return v || [];
  const bin = atob(v.bdata);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const kind = { f4: Float32Array, f8: Float64Array, i1: Int8Array, i2: Int16Array, i4: Int32Array }[v.dtype] || Float64Array;
  return Array.from(new kind(bytes.buffer));
}

function playerFill(template, fields) {
  return String(template || "").replace(/\{(\w+)\}/g, (m, k) => (k in fields ? String(fields[k]) : m));
}

function playerNumber(v) {
  return isFinite(v) ? String(Number(Number(v).toPrecision(3))) : String(v);
}

function playerSource(fig) {
  // What frames are made of: the decoded paths (sliced per step) or the explicit frames.
  const spec = fig.animation;
  if (spec.kind === "frames") return { frames: fig.frames || [] };
  const traces = spec.traces, head = fig.data[traces[traces.length - 1]];
  const axes = "z" in head ? ["x", "y", "z"] : ["x", "y"];
  const paths = traces.slice(0, -1).map((i) => axes.map((a) => playerNumbers(fig.data[i][a])));
  const runs = ((spec.describe && spec.describe.runs) || []).map((r) => ({
    name: r.name, loss: playerNumbers(r.loss), grad: playerNumbers(r.grad),
  }));
  return { type: head.type || "scatter", axes, paths, marker: head.marker, runs };
}

function playerLast(p) {
  return p.spec.kind === "frames" ? p.spec.indices.length - 1 : p.spec.last;
}

function playerStep(p, pos) {
  return p.spec.kind === "frames" ? p.spec.indices[pos] : pos;
}

function playerOrder(p) {
  // The positions play shows, in order (core.figures.player.play_order).
  return p.spec.kind === "frames" ? p.spec.indices.map((_, i) => i) : p.spec.indices;
}

function playerFrame(p, pos) {
  // Frame at a position: each path up to step pos, and a marker at each path's point pos (last if shorter).
  const src = p.source;
  if (p.spec.kind === "frames") return src.frames[pos];
  const trace = (extra, values) => Object.assign({ type: src.type }, extra, ...src.axes.map((a, j) => ({ [a]: values(j) })));
  return {
    traces: p.spec.traces,
    data: src.paths.map((q) => trace({}, (j) => q[j].slice(0, pos + 1))).concat([
      trace({ marker: src.marker }, (j) => src.paths.map((q) => q[j][Math.min(pos, q[j].length - 1)])),
    ]),
  };
}

function playerLabel(p, pos) {
  return playerFill(p.spec.labels.label, { k: playerStep(p, pos), n: p.spec.last });
}

function playerDescribe(p, pos) {
  // The spoken text of a frame: from Python per frame, or filled from the paths' numbers per step.
  const spec = p.spec, d = spec.describe;
  if (spec.kind === "frames") return (d && d[pos]) || playerLabel(p, pos);
  if (!d) return playerLabel(p, pos);
  const what = p.source.paths.map((q, j) => {
    const i = Math.min(pos, q[0].length - 1), run = p.source.runs[j] || {};
    return playerFill(d.run, {
      name: run.name || "", x: playerNumber(q[0][i]), y: playerNumber(q[1][i]),
      loss: playerNumber((run.loss || [])[i]), grad: playerNumber((run.grad || [])[i]),
    });
  });
  return playerFill(d.step, { k: pos, n: spec.last, what: what.join("; ") });
}

function makePlayer(st) {
  // Plain HTML controls, not plotly's slider (which measures and draws all of its step labels on every
  // redraw). The bar comes first in the DOM (before the plot and its toolbar in tab order) and is shown
  // below the plot by CSS order.
  const bar = document.createElement("div");
  bar.className = "pc-player";
  bar.setAttribute("role", "group");
  bar.tabIndex = 0;
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
    live: Object.assign(document.createElement("div"), { className: "pc-live" }),
  };
  p.live.setAttribute("aria-live", "polite");
  bar.append(p.range, p.label);
  p.play.onclick = () => (p.timer ? playerStop(st) : playerPlay(st));
  p.back.onclick = () => { playerStop(st); playerShow(st, p.at - 1); };
  p.forward.onclick = () => { playerStop(st); playerShow(st, p.at + 1); };
  p.range.oninput = () => { playerStop(st); playerShow(st, Number(p.range.value)); };
  // Space plays and pauses wherever the focus is in the player; the keyup is swallowed too, or a focused
  // button would also be clicked by it.
  const space = (e) => e.key === " " || e.code === "Space";
  bar.addEventListener("keydown", (e) => {
    if (!space(e) || !p.spec) return;
    e.preventDefault();
    e.stopPropagation();
    if (!e.repeat) p.play.onclick();
  });
  bar.addEventListener("keyup", (e) => { if (space(e)) e.preventDefault(); });
  return p;
}

function playerShow(st, pos) {
  const p = st.player;
  if (!p.spec) return;
  p.at = Math.max(0, Math.min(playerLast(p), pos));
  p.range.value = String(p.at);
  p.label.textContent = playerLabel(p, p.at);
  p.range.setAttribute("aria-valuetext", p.label.textContent);
  // While playing, the spoken text waits for the pause: a polite region updated 20 times a second
  // would queue up a long reading.
  if (!p.timer) p.live.textContent = playerDescribe(p, p.at);
  st.pump(st);
}

function playerPlay(st) {
  const p = st.player, order = playerOrder(p), last = order.length - 1;
  if (p.at >= playerLast(p)) playerShow(st, 0);
  let from = order.findIndex((pos) => pos > p.at);
  if (from < 0) from = last;
  p.play.textContent = "❚❚";
  p.play.setAttribute("aria-label", p.spec.labels.pause);
  p.play.title = p.spec.labels.pause;
  // Time-based: when a redraw is slower than a frame, frames are skipped, never queued up.
  const ms = p.spec.frame_ms || PLAYER_FRAME_MS;
  const t0 = performance.now() - from * ms;
  p.timer = setInterval(() => {
    const k = Math.floor((performance.now() - t0) / ms);
    playerShow(st, order[Math.min(k, last)]);
    if (k >= last) playerStop(st);
  }, ms / 2);
}

function playerStop(st) {
  const p = st.player;
  const was = !!p.timer;
  clearInterval(p.timer);
  p.timer = null;
  p.play.textContent = "▶";
  if (!p.spec) return;
  p.play.setAttribute("aria-label", p.spec.labels.play);
  p.play.title = p.spec.labels.play;
  if (was) p.live.textContent = playerDescribe(p, p.at);
}

function playerArm(st, fig) {
  // A new figure shows its last frame; the player starts there, stopped.
  const p = st.player, spec = fig.animation || null;
  playerStop(st);
  p.spec = spec;
  p.bar.classList.toggle("pc-on", !!spec);
  p.live.classList.toggle("pc-on", !!spec);
  if (!spec) return;
  p.source = playerSource(fig);
  const labels = spec.labels, frames = spec.kind === "frames";
  p.bar.setAttribute("aria-label", labels.player);
  p.range.setAttribute("aria-label", labels.scrubber);
  for (const [el, text] of [[p.play, labels.play], [p.back, frames ? labels.previous : labels.back],
    [p.forward, frames ? labels.next : labels.forward]]) {
    el.title = text;
    el.setAttribute("aria-label", text);
  }
  p.range.max = String(playerLast(p));
  p.at = p.shown = playerLast(p);
  p.range.value = String(p.at);
  p.label.textContent = playerLabel(p, p.at);
  p.range.setAttribute("aria-valuetext", p.label.textContent);
  p.live.textContent = playerDescribe(p, p.at);
  p.bar.dataset.step = String(playerStep(p, p.at));
}

async function playerPaint(st, pos) {
  const p = st.player, f = playerFrame(p, pos), data = st.plot.data.slice();
  f.traces.forEach((t, j) => { data[t] = Object.assign({}, data[t], f.data[j]); });
  await window.Plotly.react(st.plot, data, st.plot.layout);
  p.shown = pos;
  p.bar.dataset.step = String(playerStep(p, pos));
}

// The one loop that calls plotly.js, so that draws never overlap: the newest figure first (`st.pending`,
// drawn by `st.drawNext`; a stale figure is never drawn after, and over, a newer one), then the frame.
async function pumpFrames(st) {
  if (st.drawing) return;
  st.drawing = true;
  try {
    for (;;) {
      const p = st.player;
      if (st.pending && st.drawNext) {
        const next = st.pending;
        st.pending = null;
        await st.drawNext(st, next);
      } else if (p.spec && p.at !== p.shown) {
        await playerPaint(st, p.at);
      } else break;
    }
  } finally {
    st.drawing = false;
  }
}
