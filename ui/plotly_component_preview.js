// ---- Live preview of the descent paths while the start moves (concatenated after plotly_component.js) ----
// The server sends f, grad f (and H for Newton) as JSON expression trees of the already validated sympy
// expression (core/expression_tree.py): a closure compiler below turns each tree into a function. No text
// of the student's ever becomes code here: there is no eval and no `new Function`, only whitelisted node
// kinds, each a fixed closure. The update rules and the stop rule mirror core/optimizers.py in float64.

const PV_FUNCS = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan, exp: Math.exp, log: Math.log, abs: Math.abs,
  tanh: Math.tanh, sinh: Math.sinh, cosh: Math.cosh, atan: Math.atan, asin: Math.asin, acos: Math.acos,
  // numpy's sign: 0 at 0 (Math.sign would keep -0, the same number)
  sign: Math.sign,
};
// core.numeric writes x**n for integer 2 < |n| <= 16 (and -1, -2) as repeated squaring, x**2 as x*x.
const PV_MULTIPLIED_POWER = 16;

function pvIntegerPower(base, n) {
  // The same products in the same order as core.numeric.integer_power.
  let result = null, square = base, m = Math.abs(n);
  for (;;) {
    if (m & 1) result = result === null ? square : result * square;
    m >>= 1;
    if (!m) break;
    square = square * square;
  }
  return n < 0 ? 1 / result : result;
}

function pvPower(node) {
  const base = pvCompile(node[1]);
  const e = node[2];
  if (e[0] === "num") {
    const n = e[1];
    if (n === 2) return (x) => { const b = base(x); return b * b; };
    if (n === 0.5) return (x) => Math.sqrt(base(x));
    if (n === -0.5) return (x) => 1 / Math.sqrt(base(x));
    if (Number.isInteger(n) && n !== 1 && Math.abs(n) <= PV_MULTIPLIED_POWER) return (x) => pvIntegerPower(base(x), n);
  }
  const exponent = pvCompile(e);
  return (x) => Math.pow(base(x), exponent(x));
}

function pvSum(parts) {
  return (x) => { let s = parts[0](x); for (let i = 1; i < parts.length; i++) s = s + parts[i](x); return s; };
}

function pvProduct(parts) {
  return (x) => { let s = parts[0](x); for (let i = 1; i < parts.length; i++) s = s * parts[i](x); return s; };
}

// A tree -> a function of the point (an array of numbers). Throws on any node it does not know.
function pvCompile(node) {
  if (!Array.isArray(node)) throw new Error("preview: not a tree node");
  const kind = node[0];
  if (kind === "num") { const v = Number(node[1]); return () => v; }
  if (kind === "var") { const i = node[1] | 0; return (x) => x[i]; }
  if (kind === "add") return pvSum(node.slice(1).map(pvCompile));
  if (kind === "mul") return pvProduct(node.slice(1).map(pvCompile));
  if (kind === "pow") return pvPower(node);
  if (!Object.prototype.hasOwnProperty.call(PV_FUNCS, kind) || node.length !== 2) {
    throw new Error("preview: unknown node " + String(kind));
  }
  const fn = PV_FUNCS[kind], arg = pvCompile(node[1]);
  return (x) => fn(arg(x));
}

// ---- core.numeric.overflows: did computing f overflow a float, or is the point outside f's domain? ----
// numpy, asked to raise on overflow only, raises when an operation on finite numbers gives an infinity,
// except a division by zero (1/0, log 0, 0 to a negative power: numpy's "divide", not "over"); a square
// root or logarithm of a negative number is "invalid". Evaluated only where a path stops, so a plain
// walk over the tree, with the same operations in the same order as pvCompile.
function pvOverflows(tree) {
  return (x) => {
    const seen = { over: false };
    pvWalk(tree, x, seen);
    return seen.over;
  };
}

function pvFlag(seen, v, args) {
  if (!Number.isFinite(v) && !Number.isNaN(v) && args.every(Number.isFinite)) seen.over = true;
  return v;
}

function pvWalk(node, x, seen) {
  const kind = node[0];
  if (kind === "num") return Number(node[1]);
  if (kind === "var") return x[node[1] | 0];
  if (kind === "pow") return pvWalkPower(node, x, seen);
  const args = node.slice(1).map((n) => pvWalk(n, x, seen));
  if (kind === "add" || kind === "mul") {
    return args.slice(1).reduce((s, a) => pvFlag(seen, kind === "add" ? s + a : s * a, [s, a]), args[0]);
  }
  const v = PV_FUNCS[kind](args[0]);
  return kind === "log" && args[0] === 0 ? v : pvFlag(seen, v, args);
}

function pvWalkPower(node, x, seen) {
  const base = pvWalk(node[1], x, seen), e = node[2];
  const n = e[0] === "num" ? e[1] : null;
  if (n === 2) return pvFlag(seen, base * base, [base]);
  if (n === 0.5) return Math.sqrt(base);
  if (n === -0.5) return 1 / Math.sqrt(base);
  if (Number.isInteger(n) && n !== 1 && Math.abs(n) <= PV_MULTIPLIED_POWER) {
    // pvIntegerPower's products, each checked; 1 / 0 at the end is a division by zero
    let result = null, square = base, m = Math.abs(n);
    for (;;) {
      if (m & 1) result = result === null ? square : pvFlag(seen, result * square, [result, square]);
      m >>= 1;
      if (!m) break;
      square = pvFlag(seen, square * square, [square]);
    }
    return n < 0 ? 1 / result : result;
  }
  const exponent = pvWalk(e, x, seen);
  const v = Math.pow(base, exponent);
  return base === 0 && exponent < 0 ? v : pvFlag(seen, v, [base, exponent]);
}

// numpy turns every non-finite value of f, grad f or H into NaN; a finite check is all that matters here.
function pvSpec(spec) {
  const c = {
    nvars: spec.nvars, lr: spec.lr, steps: spec.steps, momentum: spec.momentum, tol: spec.tol,
    explode: spec.explode, optimizers: spec.optimizers.slice(),
    f: pvCompile(spec.f), overflows: pvOverflows(spec.f), grad: spec.grad.map(pvCompile),
    hess: spec.hess ? spec.hess.map((row) => row.map(pvCompile)) : null,
  };
  return c;
}

// ---- update rules: core/optimizers.py RULES, written element by element in the same order ----
const PV_RULES = {
  sgd: (c) => (w, g) => w.map((v, i) => v - c.lr * g[i]),
  momentum: (c) => pvMomentum(c, false),
  nesterov: (c) => pvMomentum(c, true),
  adagrad: (c) => {
    const total = new Array(c.nvars).fill(0), eps = 1e-10;
    return (w, g) => w.map((v, i) => {
      total[i] = total[i] + g[i] * g[i];
      return v - c.lr * (g[i] / (Math.sqrt(total[i]) + eps));
    });
  },
  rmsprop: (c) => {
    const avg = new Array(c.nvars).fill(0), alpha = 0.99, eps = 1e-8;
    return (w, g) => w.map((v, i) => {
      avg[i] = avg[i] * alpha + (1 - alpha) * g[i] * g[i];
      return v - c.lr * (g[i] / (Math.sqrt(avg[i]) + eps));
    });
  },
  adam: (c) => {
    const m = new Array(c.nvars).fill(0), s = new Array(c.nvars).fill(0), b1 = 0.9, b2 = 0.999, eps = 1e-8;
    let t = 0;
    return (w, g) => {
      t += 1;
      const c1 = 1 - Math.pow(b1, t), c2 = Math.pow(1 - Math.pow(b2, t), 0.5);
      return w.map((v, i) => {
        m[i] = m[i] + (1 - b1) * (g[i] - m[i]);
        s[i] = s[i] * b2 + (1 - b2) * g[i] * g[i];
        const denom = Math.sqrt(s[i]) / c2 + eps;
        return v - (c.lr / c1) * (m[i] / denom);
      });
    };
  },
  newton: (c) => (w, g) => {
    const step = pvNewtonStep(c, w, g);
    return w.map((v, i) => v - step[i]);
  },
};

function pvMomentum(c, nesterov) {
  let buf = null;
  return (w, g) => {
    buf = buf === null ? g.slice() : buf.map((b, i) => b * c.momentum + g[i]);
    return w.map((v, i) => v - c.lr * (nesterov ? g[i] + c.momentum * buf[i] : buf[i]));
  };
}

function pvFinite(v) {
  // np.nan_to_num(h, nan=0.0): NaN -> 0, +-inf -> the largest finite float
  if (Number.isNaN(v)) return 0;
  if (v === Infinity) return Number.MAX_VALUE;
  if (v === -Infinity) return -Number.MAX_VALUE;
  return v;
}

// H^-1 g for two variables, as core.optimizers._newton_step (undamped: Newton ignores lr): LU with partial
// pivoting where H is regular, the least-squares (pseudo-inverse) solution where it is singular.
function pvNewtonStep(c, w, g) {
  const h = c.hess.map((row) => row.map((fn) => pvFinite(fn(w))));
  const a = h[0][0], b = h[1][0], d = h[1][1];
  const mean = (a + d) / 2, r = Math.sqrt(((a - d) / 2) * ((a - d) / 2) + b * b);
  const eig = [mean - r, mean + r];
  const scale = Math.max(1, Math.abs(eig[0]), Math.abs(eig[1]));
  const singular = Math.min(Math.abs(eig[0]), Math.abs(eig[1])) <= 1e-12 * scale;
  return singular ? pvLeastSquares(a, b, d, eig, g) : pvSolve(h, g);
}

function pvSolve(h, g) {
  const p = Math.abs(h[1][0]) > Math.abs(h[0][0]) ? 1 : 0, q = 1 - p;
  const l = h[q][0] * (1 / h[p][0]);
  const u11 = h[q][1] - l * h[p][1];
  const y0 = g[p], y1 = g[q] - l * y0;
  const x1 = y1 / u11;
  return [(y0 - h[p][1] * x1) / h[p][0], x1];
}

function pvLeastSquares(a, b, d, eig, g) {
  // The minimum-norm solution: sum over the eigenpairs above the cut-off of (v . g) / lambda * v.
  const cutoff = 2 * Number.EPSILON * Math.max(Math.abs(eig[0]), Math.abs(eig[1]));
  const out = [0, 0];
  eig.forEach((lam, k) => {
    if (Math.abs(lam) <= cutoff) return;
    let v = b !== 0 ? [lam - d, b] : (k === 0) === (a <= d) ? [1, 0] : [0, 1];
    if (b !== 0 && Math.abs(lam - d) < Math.abs(lam - a)) v = [b, lam - a];
    const n = Math.hypot(v[0], v[1]);
    const dot = (v[0] * g[0] + v[1] * g[1]) / (n * n);
    out[0] += (dot / lam) * v[0];
    out[1] += (dot / lam) * v[1];
  });
  return out;
}

// One path from `start`, with core.optimizers._path's stop rules: converged when |grad f| < tol; a step to
// a point without a value of f, or with a coordinate beyond `explode`, ends the run without that point:
// left_domain when the point is finite, within `explode` and f's value did not overflow there, else
// diverged (bad_step); a start without a value is the run alone: undefined_start, or diverged when f
// overflowed there.
function pvPath(c, name, start) {
  let w = start.map(Number);
  const points = [w], losses = [];
  let loss = c.f(w), status = "max_steps", steps = 0;
  if (!Number.isFinite(loss)) {
    return { optimizer: name, points, status: c.overflows(w) ? "diverged" : "undefined_start", steps: 0 };
  }
  const rule = PV_RULES[name](c);
  for (let k = 0; k <= c.steps; k++) {
    const g = c.grad.map((fn) => fn(w));
    let squares = 0;
    for (let i = 0; i < g.length; i++) squares += g[i] * g[i];
    const norm = Math.sqrt(squares);
    if (!Number.isFinite(norm)) { status = "diverged"; break; }
    losses.push(loss);
    if (norm < c.tol) { status = "converged"; break; }
    if (k === c.steps) break;
    const next = rule(w, g);
    const nextLoss = c.f(next);
    const far = next.some((v) => !Number.isFinite(v) || Math.abs(v) > c.explode);
    if (!Number.isFinite(nextLoss) || far) { status = pvBadStep(c, next); break; }
    w = next;
    loss = nextLoss;
    points.push(w);
    steps += 1;
  }
  return { optimizer: name, points: points.slice(0, Math.max(1, losses.length)), status, steps };
}

function pvBadStep(c, next) {
  const inside = next.every(Number.isFinite) && Math.max(...next.map(Math.abs)) <= c.explode;
  return inside && !c.overflows(next) ? "left_domain" : "diverged";
}

function pvPaths(c, start) {
  return c.optimizers.map((name) => pvPath(c, name, start));
}

// For the tests and benchmarks: the same compiler and rules, callable from the page.
window.__pcPreview = { compile: pvSpec, paths: (spec, start) => pvPaths(pvSpec(spec), start) };

// ---- wiring: armed after each server draw, run while the start moves ----
// The preview is drawn in its own SVG layer over the plot, not by plotly.js: a Plotly.restyle of the
// paths redraws the whole figure, contours included (~45 ms on a quiet machine, as much as a full
// Plotly.react), while a few polylines cost well under a millisecond. While it shows, the figure's own
// path traces are hidden (their SVG groups, directly: a restyle would redraw everything again); the
// server's next figure brings them back and clears the layer.

const SVG_NS = "http://www.w3.org/2000/svg";

function pvState(st) {
  st.pv = st.pv || { count: 0, log: [], hidden: [] };
  return st.pv;
}

function previewArm(st, data) {
  // A new figure: compile its trees (once per spec), find the path traces, clear the last preview.
  const spec = data.preview, anim = data.figure && data.figure.animation;
  pvState(st).want = null;
  previewClear(st);
  if (!spec || !anim || !st.data.draggable) { st.pv.c = null; return; }
  const text = JSON.stringify(spec);
  if (text !== st.pv.text) {
    try {
      st.pv.c = pvSpec(spec);
      st.pv.text = text;
    } catch (err) {
      // not a tree this compiler knows: no preview, the server's path after release is shown
      st.pv.c = null;
      st.pv.text = null;
      return;
    }
  }
  st.pv.traces = anim.traces.slice();
  st.pv.stale = (anim.overlays || []).slice();
}

function previewClear(st) {
  const pv = st.pv;
  // a move still waiting for its animation frame would draw the layer again after this
  if (pv.frame) cancelAnimationFrame(pv.frame);
  pv.frame = 0;
  pv.want = null;
  pv.hidden.forEach((g) => { g.style.opacity = ""; });
  pv.hidden = [];
  if (pv.layer) pv.layer.style.display = "none";
  if (pv.fixed) pv.fixed.replaceChildren();
}

function previewLayer(st) {
  // One <svg> over the plot, clipped to the plotting area; created on first use.
  const pv = st.pv;
  if (!pv.layer) {
    pv.layer = document.createElementNS(SVG_NS, "svg");
    pv.layer.setAttribute("class", "pc-preview");
    pv.layer.setAttribute("aria-hidden", "true");
    pv.clip = document.createElementNS(SVG_NS, "clipPath");
    pv.clip.id = "pc-preview-clip-" + Math.random().toString(36).slice(2);
    pv.clipRect = document.createElementNS(SVG_NS, "rect");
    pv.clip.appendChild(pv.clipRect);
    pv.group = document.createElementNS(SVG_NS, "g");
    pv.group.setAttribute("clip-path", "url(#" + pv.clip.id + ")");
    // the server's traces drawn before plotly.js has them (quickDraw), each clipped or not as plotly would
    pv.fixed = document.createElementNS(SVG_NS, "g");
    pv.layer.append(pv.clip, pv.group, pv.fixed);
    st.root.insertBefore(pv.layer, st.handle);
  }
  return pv.layer;
}

function previewHide(st) {
  // The figure's own path traces and current-point marker, hidden while the preview shows, and the
  // overlays that belong to the old start (its gradient arrow, tangent and angle).
  const pv = st.pv;
  if (pv.hidden.length) return;
  hideTraces(st, pv.traces.concat(pv.stale));
}

function hideTraces(st, indices) {
  // Their SVG groups, directly: a restyle would redraw the whole figure.
  const pv = st.pv, wanted = new Set(indices);
  st.plot.querySelectorAll(".scatterlayer .trace").forEach((g) => {
    const d = g.__data__ && g.__data__[0] && g.__data__[0].trace;
    if (d && wanted.has(d.index)) { g.style.opacity = "0"; pv.hidden.push(g); }
  });
}

function showLayer(st, ax) {
  // The layer, sized to the plot and clipped to its plotting area.
  const pv = st.pv, [xa, ya] = ax;
  const layer = previewLayer(st);
  const size = st.plot.getBoundingClientRect();
  layer.setAttribute("width", String(size.width));
  layer.setAttribute("height", String(size.height));
  layer.style.display = "block";
  Object.entries({ x: xa._offset, y: ya._offset, width: xa._length, height: ya._length })
    .forEach(([k, v]) => pv.clipRect.setAttribute(k, String(v)));
}

function previewDraw(st, paths) {
  const pv = st.pv, ax = axes(st.plot);
  if (!ax) return;
  const [xa, ya] = ax;
  showLayer(st, ax);
  pv.fixed.replaceChildren();
  const data = st.plot.data || [];
  while (pv.group.childNodes.length < 2 * paths.length) {
    pv.group.appendChild(document.createElementNS(SVG_NS, pv.group.childNodes.length % 2 ? "circle" : "polyline"));
  }
  while (pv.group.childNodes.length > 2 * paths.length) pv.group.removeChild(pv.group.lastChild);
  paths.forEach((path, i) => {
    const trace = data[pv.traces[i]] || {}, line = trace.line || {};
    const colour = line.color || "#000";
    const px = (q) => (xa._offset + xa.c2p(q[0])).toFixed(1) + "," + (ya._offset + ya.c2p(q[1])).toFixed(1);
    const poly = pv.group.childNodes[2 * i], dot = pv.group.childNodes[2 * i + 1];
    poly.setAttribute("points", path.points.map(px).join(" "));
    poly.setAttribute("fill", "none");
    poly.setAttribute("stroke", colour);
    poly.setAttribute("stroke-width", String(line.width || 3));
    poly.setAttribute("stroke-linejoin", "round");
    const [hx, hy] = px(path.points[path.points.length - 1]).split(",");
    Object.entries({ cx: hx, cy: hy, r: 4.5, fill: colour, stroke: "#fff", "stroke-width": 1.5 })
      .forEach(([k, v]) => dot.setAttribute(k, String(v)));
  });
}

function previewMove(st, x, y, stamp) {
  const pv = st.pv;
  if (!pv || !pv.c) return;
  // Moves are coalesced: one computation and one redraw per animation frame, at the newest point,
  // rounded as `send` rounds it, so that the preview is the very path the server confirms on release.
  const digits = st.data.digits == null ? 4 : st.data.digits;
  if (!pv.want) pv.since = stamp === undefined ? performance.now() : stamp;
  pv.want = [Number(x.toFixed(digits)), Number(y.toFixed(digits))];
  if (!pv.frame) pv.frame = requestAnimationFrame(() => previewFrame(st));
}

function previewFrame(st) {
  const pv = st.pv;
  pv.frame = 0;
  if (!pv.want || !pv.c) return;
  if (st.drawing) { pv.frame = requestAnimationFrame(() => previewFrame(st)); return; }
  const at = pv.want, since = pv.since, begun = performance.now();
  pv.want = null;
  if (st.player && st.player.timer) playerStop(st);
  const paths = pvPaths(pv.c, at);
  previewHide(st);
  previewDraw(st, paths);
  pv.last = paths;
  pv.count += 1;
  // [event -> drawn, this frame's own work] in ms, for benchmarks/level_sets.py
  const now = performance.now();
  pv.log.push([now - since, now - begun]);
  if (pv.log.length > 1000) pv.log.shift();
  st.root.dataset.preview = String(pv.count);
  st.root.dataset.previewAt = at[0] + "," + at[1];
}

// ---- release: the server's paths on screen at once, plotly.js after ----
// A drag's rerun changes only the paths and the marks at the start; redrawing them with Plotly.react
// recomputes and redraws the whole figure, contours included (~60 ms on a quiet machine, several times
// that on a busy one). So when a new figure differs from the one plotly.js holds only in plain 2-D scatter
// traces, those traces, the server's numbers, are first drawn in the layer above (plotly's own groups
// for them hidden), and plotly.js redraws the whole figure after the browser has painted them. The
// layer goes when plotly.js has caught up (previewArm -> previewClear), hover and legend with it.

const QUICK_MODES = new Set(["lines", "markers", "text"]);

function figureShape(st, data) {
  // What decides a redraw: the layout (with the settings that change it) and each trace, as JSON text.
  const fig = data.figure || {}, narrow = isNarrowWidth(st.root.getBoundingClientRect().width);
  return {
    layout: JSON.stringify([fig.layout, data.height, data.config, narrow]),
    traces: (fig.data || []).map((trace) => JSON.stringify(trace)),
  };
}

function quickTrace(trace) {
  // A trace the layer draws as plotly.js would: 2-D scatter on the main axes, no fill, no error bars.
  if (!trace || (trace.type || "scatter") !== "scatter") return false;
  if ((trace.xaxis || "x") !== "x" || (trace.yaxis || "y") !== "y") return false;
  if (trace.fill && trace.fill !== "none") return false;
  if (trace.error_x || trace.error_y || trace.line && trace.line.shape && trace.line.shape !== "linear") return false;
  return String(trace.mode || "lines").split("+").every((m) => QUICK_MODES.has(m));
}

function quickDraw(st, data, shape) {
  // True when the new figure's changed traces are now drawn in the layer (see above).
  const was = st.plotted, ax = axes(st.plot), fig = data.figure;
  if (!was || !shape || st.fresh || !ax || shape.layout !== was.layout) return false;
  const n = Math.max(shape.traces.length, was.traces.length), changed = [];
  for (let i = 0; i < n; i++) if (shape.traces[i] !== was.traces[i]) changed.push(i);
  const full = st.plot._fullData || [];
  const plain = (i) => (i >= fig.data.length || quickTrace(fig.data[i])) && (i >= full.length || full[i].type === "scatter");
  if (!changed.length || !changed.every(plain)) return false;
  pvState(st).want = null;
  previewClear(st);
  hideTraces(st, changed);
  showLayer(st, ax);
  changed.filter((i) => i < fig.data.length).forEach((i) => drawTrace(st, ax, fig.data[i], full[i]));
  placeAtStart(st);
  return true;
}

function drawTrace(st, ax, trace, before) {
  // One trace in the layer: its lines (split at gaps), markers and text, in data coordinates.
  const [xa, ya] = ax, pv = st.pv;
  if (trace.visible === false || (before && before.visible === "legendonly")) return;
  const xs = playerNumbers(trace.x), ys = playerNumbers(trace.y);
  const at = (i) => [xa._offset + xa.c2p(xs[i]), ya._offset + ya.c2p(ys[i])];
  const ok = (i) => xs[i] !== null && ys[i] !== null && isFinite(xs[i]) && isFinite(ys[i]);
  const g = document.createElementNS(SVG_NS, "g");
  if (trace.cliponaxis !== false) g.setAttribute("clip-path", "url(#" + pv.clip.id + ")");
  const mode = trace.mode || (xs.length < 20 ? "lines+markers" : "lines");
  const line = Object.assign({}, before && before.line, trace.line || {});
  if (mode.includes("lines")) {
    let run = [];
    const flush = () => { if (run.length > 1) g.appendChild(svgLine(run, line)); run = []; };
    xs.forEach((_, i) => { if (ok(i)) run.push(at(i)); else flush(); });
    flush();
  }
  if (mode.includes("markers")) {
    const marker = Object.assign({ color: line.color }, trace.marker || {});
    xs.forEach((_, i) => { if (ok(i)) g.appendChild(svgMarker(at(i), marker, i)); });
  }
  if (mode.includes("text")) {
    const font = Object.assign({ size: 12, color: "#444" }, trace.textfont || {});
    const family = (st.plot._fullLayout.font || {}).family || "sans-serif";
    const position = String(trace.textposition || "middle center");
    const above = position.startsWith("top");
    const anchor = position.endsWith("right") ? "start" : position.endsWith("left") ? "end" : "middle";
    const lift = above ? pick((trace.marker || {}).size, 0, 6) / 2 + 2 : 0;
    xs.forEach((_, i) => {
      const text = Array.isArray(trace.text) ? trace.text[i] : trace.text;
      if (!ok(i) || text === undefined || text === null || text === "") return;
      const [px, py] = at(i);
      const el = svgElement("text", {
        x: px, y: py - lift, "text-anchor": anchor, "dominant-baseline": above ? "auto" : "central",
        fill: pick(font.color, i), "font-size": pick(font.size, i), "font-family": family,
      });
      el.textContent = String(text);
      g.appendChild(el);
    });
  }
  pv.fixed.appendChild(g);
}

function pick(v, i, fallback) {
  // A per-point attribute (an array) or one value for all points.
  const one = Array.isArray(v) ? v[i] : v;
  return one === undefined || one === null ? fallback : one;
}

function svgElement(name, attrs) {
  const el = document.createElementNS(SVG_NS, name);
  Object.entries(attrs).forEach(([k, v]) => { if (v !== undefined && v !== null) el.setAttribute(k, String(v)); });
  return el;
}

function dashArray(dash, width) {
  // plotly.js's dash names at a line width (its Drawing.dashStyle), or an explicit list of lengths.
  const w = Math.max(width, 3);
  const named = {
    dot: [w, w], dash: [3 * w, 3 * w], longdash: [5 * w, 5 * w],
    dashdot: [3 * w, w, w, w], longdashdot: [5 * w, 2 * w, w, 2 * w],
  };
  if (!dash || dash === "solid") return null;
  return named[dash] ? named[dash].join(",") : String(dash).replace(/px/g, "");
}

function svgLine(points, line) {
  const width = line.width === undefined ? 2 : line.width;
  return svgElement("polyline", {
    points: points.map(([x, y]) => x.toFixed(1) + "," + y.toFixed(1)).join(" "),
    fill: "none", stroke: line.color || "#444", "stroke-width": width, "stroke-linejoin": "round",
    "stroke-dasharray": dashArray(line.dash, width),
  });
}

// plotly.js's marker symbols (src/components/drawing/symbol_defs.js) at radius r, for the ones the app
// uses; "-open" draws the outline only. Any other symbol is drawn as a circle.
const SYMBOLS = {
  circle: (r) => `M${r},0A${r},${r} 0 1,1 0,-${r}A${r},${r} 0 0,1 ${r},0Z`,
  square: (r) => `M${r},${r}H-${r}V-${r}H${r}Z`,
  diamond: (r) => { const d = 1.3 * r; return `M${d},0L0,${d}L-${d},0L0,-${d}Z`; },
  cross: (r) => {
    const a = 0.4 * r, b = 1.2 * r;
    return `M${b},${a}H${a}V${b}H-${a}V${a}H-${b}V-${a}H-${a}V-${b}H${a}V-${a}H${b}Z`;
  },
  x: (r) => {
    const a = 0.8 * r / Math.SQRT2, b = 1.2 * r / Math.SQRT2 + a;
    return `M0,${a}L${a},${b}L${b},${a}L${a},0L${b},-${a}L${a},-${b}L0,-${a}L-${a},-${b}L-${b},-${a}L-${a},0L-${b},${a}L-${a},${b}Z`;
  },
  "x-thin": (r) => { const a = 1.4 * r / Math.SQRT2; return `M${a},${a}L-${a},-${a}M${a},-${a}L-${a},${a}`; },
};

function svgMarker([px, py], marker, i) {
  const symbol = String(pick(marker.symbol, i, "circle")), open = symbol.endsWith("-open");
  const base = open ? symbol.slice(0, -5) : symbol, r = pick(marker.size, i, 6) / 2;
  const outline = marker.line || {}, colour = pick(marker.color, i, "#444");
  const thin = base === "x-thin";
  const width = pick(outline.width, i, 0);
  return svgElement("path", {
    d: (SYMBOLS[base] || SYMBOLS.circle)(Number(r.toFixed(2))),
    transform: `translate(${px.toFixed(1)},${py.toFixed(1)})`,
    fill: open || thin ? "none" : colour,
    stroke: open || thin ? (thin ? pick(outline.color, i, colour) : colour) : pick(outline.color, i, "none"),
    "stroke-width": open || thin ? Math.max(width, 1) : width,
  });
}

// ---- keyboard: the handle is focusable; arrows nudge it (1% of the window, Shift 10%), Enter or
// leaving it confirms (one rerun), Escape goes back ----

function handleLabel(st, x, y) {
  const template = (st.data && st.data.labels && st.data.labels.handle) || "({x}, {y})";
  const text = template.replace("{x}", x.toFixed(3)).replace("{y}", y.toFixed(3));
  st.handle.setAttribute("aria-label", text);
}

function handleKeys(st) {
  const h = st.handle;
  h.tabIndex = 0;
  h.setAttribute("role", "button");
  h.addEventListener("keydown", (e) => {
    const dirs = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const ax = axes(st.plot);
    if (!ax || !st.data || !st.data.draggable) return;
    if (e.key === "Enter") {
      e.preventDefault();
      confirmKeys(st);
      return;
    }
    if (e.key === "Escape" && st.keyAt) {
      // back to the confirmed start, nothing sent
      e.preventDefault();
      st.keyAt = null;
      if (st.pv) { st.pv.want = null; previewClear(st); }
      placeAtStart(st);
      return;
    }
    const d = dirs[e.key];
    if (!d) return;
    e.preventDefault();
    const [xa, ya] = ax;
    const share = e.shiftKey ? 0.1 : 0.01;
    const at = st.keyAt || st.data.start.slice();
    const x = at[0] + d[0] * share * Math.abs(xa.range[1] - xa.range[0]);
    const y = at[1] + d[1] * share * Math.abs(ya.range[1] - ya.range[0]);
    st.keyAt = [x, y];
    const px = xa._offset + xa.c2p(x), py = ya._offset + ya.c2p(y);
    place(st, px, py);
    handleLabel(st, x, y);
    previewMove(st, x, y, e.timeStamp);
  });
  h.addEventListener("blur", () => confirmKeys(st));
}

function confirmKeys(st) {
  if (!st.keyAt) return;
  const [x, y] = st.keyAt;
  st.keyAt = null;
  send(st, x, y);
}

// ---- phones and tablets (the layout itself is narrow_layout.js's, shared with st.plotly_chart charts) ----

function narrowLayout(st, layout) {
  st.narrow = isNarrowWidth(st.root.getBoundingClientRect().width);
  if (!st.narrow) return layout;
  // The full width of a phone: a wide screen's figure has a fixed width, with its colour bar and legend
  // beside the equal-aspect plot (core.figures.descent.side_layout), which would overflow a phone.
  const narrow = Object.assign({}, layout, phoneLayout(layout), { autosize: true });
  delete narrow.width;
  return narrow;
}

function watchWidth(st) {
  // A tablet turned (or a window resized) across NARROW_PX: draw the figure again with the other layout.
  if (!window.ResizeObserver) return;
  new ResizeObserver(() => {
    const narrow = isNarrowWidth(st.root.getBoundingClientRect().width);
    if (st.narrow === undefined || narrow === st.narrow || !st.data || st.dragging || st.keyAt) return;
    st.narrow = narrow;
    st.pending = st.pending || st.data;
    st.pump(st);
  }).observe(st.root);
}
