/* board.js -- the planner's board: draws the plan held in <script id="plan"> (written by
** engine/write/board.c, which documents the data). No network, no library. The page acts on
** #order=ID (or ?order=ID) at load: that order's supply chain is highlighted. */
"use strict";

var T0 = 0, MIN_DAY = 1440, LABEL_W = 120, ROW_H = 20, LOAD_H = 46;

window.addEventListener("error", function (e) { noteError(e.message || String(e)); });

function noteError(msg) {
  var box = document.getElementById("errors");
  var p = document.createElement("div");
  p.textContent = "board error: " + msg;
  box.appendChild(p);
  document.getElementById("status").setAttribute("data-errors", box.children.length);
}

/* ---- numbers in strings: base-32 digits, last digit from TERM, the others from CONT ---- */
var DIGIT = (function () {
  var val = new Int8Array(128).fill(-1), term = "0123456789abcdefghijklmnopqrstuv",
    cont = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$";
  for (var k = 0; k < 32; k++) { val[term.charCodeAt(k)] = k; val[cont.charCodeAt(k)] = 32 + k; }
  return val;
})();

/* All the numbers of a string of digits, in one pass. */
function numbers(s) {
  var out = new Float64Array(s.length), n = 0, v = 0;
  for (var i = 0; i < s.length; i++) {
    var c = DIGIT[s.charCodeAt(i)];
    if (!(c >= 0)) throw new Error("bad digit at " + i);
    if (c < 32) { out[n++] = v * 32 + c; v = 0; } else v = v * 32 + (c - 32);
  }
  return out.subarray(0, n);
}
function unzig(z) { return z % 2 ? -(z + 1) / 2 : z / 2; }
/* A day written by put_day: 0 none (NaN), else 1 + zigzag. */
function zz(v) { return v ? unzig(v - 1) : NaN; }

/* ---- the model: typed arrays over operations, planned orders and customer orders ---- */
function readOps(D, M) {
  var v = numbers(D.op), n = v.length / 6, q = 0;
  var a = { po: new Int32Array(n), res: new Int32Array(n), seq: new Int32Array(n),
    s: new Float64Array(n), dur: new Float64Array(n), ot: new Uint8Array(n) };
  for (var k = 0, j = 0; k < n; k++, j += 6) {
    q += unzig(v[j]);
    a.po[k] = q; a.res[k] = v[j + 1]; a.seq[k] = unzig(v[j + 2]);
    a.s[k] = v[j + 3]; a.dur[k] = v[j + 4]; a.ot[k] = v[j + 5];
  }
  M.nop = n; M.op = a;
}

/* Ids as (prefix, digit count, value): see put_id in board.c. */
function readIds(D, s) {
  var v = numbers(s), out = [];
  for (var j = 0; j < v.length;) {
    var p = D.pfx[v[j++]], w = v[j++];
    if (w) { var x = String(v[j++]); while (x.length < w) x = "0" + x; p += x; }
    out.push(p);
  }
  return out;
}

function readPlanned(D, M) {
  var ids = readIds(D, D.po), n = ids.length, v = numbers(D.pv);
  M.po = { id: ids, qty: D.pq, kind: D.pk, item: new Int32Array(n), rel: new Float64Array(n), due: new Float64Array(n) };
  for (var q = 0; q < n; q++) { M.po.item[q] = v[3 * q] - 1; M.po.rel[q] = zz(v[3 * q + 1]); M.po.due[q] = zz(v[3 * q + 2]); }
  readPegs(D.pg, n, M);
}

/* The pegging string (see put_pegs in board.c) in one pass: pegStart/pegRef list the
** customer orders each planned order serves (-1 safety stock); parents[q] its direct-pegging
** parents, where there are any. */
function readPegs(s, n, M) {
  var start = new Int32Array(n + 1), ref = new Int32Array(s.length + 1), m = 0, q = 0, last = 0, v = 0, parent = false;
  var parents = {};
  for (var i = 0; i < s.length; i++) {
    var ch = s.charCodeAt(i);
    if (ch === 32) { start[++q] = m; last = 0; continue; }
    if (ch === 126) { ref[m++] = -1; continue; }
    if (ch === 94) { parent = true; continue; }
    var c = DIGIT[ch];
    if (!(c >= 0)) throw new Error("bad pegging at " + i);
    if (c >= 32) { v = v * 32 + (c - 32); continue; }
    v = v * 32 + c;
    if (parent) (parents[q] = parents[q] || []).push(v);
    else { last += v; ref[m++] = last; }
    v = 0; parent = false;
  }
  while (q < n) start[++q] = m;
  M.pegStart = start; M.pegRef = ref; M.parents = parents;
}

/* The customer orders a planned order serves, following direct pegging up to its parents. */
function servedBy(M, q, seen) {
  var own = M.pegRef.subarray(M.pegStart[q], M.pegStart[q + 1]), par = M.parents[q];
  if (!par) return own;
  seen = seen || {};
  if (seen[q]) return own;
  seen[q] = 1;
  var out = Array.from(own);
  for (var k = 0; k < par.length; k++) out = out.concat(Array.from(servedBy(M, par[k], seen)));
  return Int32Array.from(out.filter(function (x, i, a) { return a.indexOf(x) === i; }));
}

function model(D) {
  var M = { D: D, res: D.res, items: D.it, co: D.co, coIndex: Object.create(null), poIndex: null };
  readOps(D, M);
  readPlanned(D, M);
  var nco = D.co.length, npo = M.po.id.length, late = new Uint8Array(nco), ins = new Uint8Array(nco), dist = new Uint8Array(nco);
  for (var k = 0; k < nco; k++) { M.coIndex[D.co[k][0]] = k; late[k] = D.co[k][6] === "late"; ins[k] = D.co[k][8]; }
  (D.dist || []).forEach(function (r) { if (r[0] >= 0) dist[r[0]] = 1; });
  M.served = function (q) { return servedBy(M, q); };
  M.poLate = new Uint8Array(npo); M.poIns = new Uint8Array(npo); M.poDist = new Uint8Array(npo);
  var count = new Int32Array(nco + 1), start = M.pegStart, ref = M.pegRef, up = [];
  for (var q = 0; q < npo; q++) {
    var s = ref, a = start[q], b = start[q + 1];
    if (M.parents[q]) { s = servedBy(M, q); a = 0; b = s.length; up.push(q, s); }
    for (k = a; k < b; k++) {
      var c = s[k];
      if (c < 0) continue;
      count[c + 1]++;
      M.poLate[q] |= late[c]; M.poIns[q] |= ins[c]; M.poDist[q] |= dist[c];
    }
  }
  /* ordersPo: the planned orders serving each customer order (compressed rows) */
  for (k = 0; k < nco; k++) count[k + 1] += count[k];
  var fill = count.slice(0, nco), list = new Int32Array(count[nco]);
  for (q = 0; q < npo; q++) {
    if (M.parents[q]) continue;
    for (k = start[q]; k < start[q + 1]; k++) if (ref[k] >= 0) list[fill[ref[k]]++] = q;
  }
  for (var j = 0; j < up.length; j += 2) for (k = 0; k < up[j + 1].length; k++) if (up[j + 1][k] >= 0) list[fill[up[j + 1][k]]++] = up[j];
  M.ordersPo = function (c) { return list.subarray(count[c], count[c + 1]); };
  layout(M);
  return M;
}

/* The index of planned order id, or -1 (the map is built on first use). */
function poIndex(M, id) {
  if (!M.poIndex) { M.poIndex = new Map(); M.po.id.forEach(function (x, q) { M.poIndex.set(x, q); }); }
  return M.poIndex.has(id) ? M.poIndex.get(id) : -1;
}

/* Rows: each resource gets as many lanes as it runs operations at once; operations by start. */
function layout(M) {
  var nres = M.res.length, op = M.op, byRes = [];
  for (var r = 0; r < nres; r++) byRes.push([]);
  for (var k = 0; k < M.nop; k++) byRes[op.res[k]].push(op.s[k] * M.nop + k); /* sort keys: start, then index */
  M.lane = new Int32Array(M.nop);
  M.rows = [];
  var row0 = 0, tmin = Infinity, tmax = -Infinity;
  for (r = 0; r < nres; r++) {
    var keys = Float64Array.from(byRes[r]).sort(), ids = new Int32Array(keys.length), ends = [], maxDur = 0;
    for (var j0 = 0; j0 < keys.length; j0++) ids[j0] = keys[j0] % M.nop;
    for (var j = 0; j < ids.length; j++) {
      var i = ids[j], l = 0;
      while (l < ends.length && ends[l] > op.s[i]) l++;
      ends[l] = op.s[i] + op.dur[i];
      M.lane[i] = l;
      if (op.dur[i] > maxDur) maxDur = op.dur[i];
      if (op.s[i] < tmin) tmin = op.s[i];
      if (ends[l] > tmax) tmax = ends[l];
    }
    var lanes = Math.max(1, ends.length);
    M.rows.push({ res: r, ids: ids, lanes: lanes, y: row0, maxDur: maxDur });
    row0 += lanes * ROW_H + 6;
  }
  M.height = row0;
  M.tmin = isFinite(tmin) ? tmin : 0;
  M.tmax = isFinite(tmax) ? tmax : MIN_DAY;
}

/* ---- times ---- */
function fmtTime(m) {
  var d = new Date(T0 + m * 60000);
  return d.toISOString().slice(0, 16).replace("T", " ");
}
var DAY_TEXT = {};
function fmtDay(m) {
  var d = Math.floor(m / MIN_DAY);
  return DAY_TEXT[d] || (DAY_TEXT[d] = new Date(T0 + d * MIN_DAY * 60000).toISOString().slice(0, 10));
}
function esc(s) {
  return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
}
function whyText(w) {
  if (w === null || w === undefined || w === "") return "";
  if (typeof w === "string" && w.charAt(0) !== "{" && w.charAt(0) !== "[") return w;
  try { w = typeof w === "string" ? JSON.parse(w) : w; } catch (e) { return String(w); }
  if (Array.isArray(w)) return w.map(whyText).join("; ");
  if (typeof w === "object") {
    if (w.message) return String(w.message);
    if (w.binding) { /* the scheduler's why: binding, by, supply, instead, path */
      var t = w.binding + (w.by ? " " + w.by : "") + (w.supply ? " (" + w.supply + ")" : "");
      if (w.instead) t += ", after " + w.instead.order + (w.instead["for"] && w.instead["for"].length ? " for " + w.instead["for"].join(", ") : "");
      return t;
    }
    return Object.keys(w).map(function (k) { return k + ": " + (typeof w[k] === "object" ? JSON.stringify(w[k]) : w[k]); }).join(", ");
  }
  return String(w);
}

/* ---- the shared horizontal view and the two canvases ---- */
function View(M) {
  this.M = M;
  this.x0 = M.tmin;          /* minute at the left edge of the time area */
  this.ppm = 1;              /* pixels per minute */
  this.sel = null;           /* Uint8Array over planned orders, or null */
  this.panels = [];
}
View.prototype.width = function () { return Math.max(100, this.panels[0].canvas.clientWidth - LABEL_W); };
View.prototype.zoom = function (span) {
  var M = this.M, w = this.width();
  if (!span) { span = Math.max(60, M.tmax - M.tmin); this.x0 = M.tmin; }
  else {
    var mid = this.x0 + w / this.ppm / 2;
    this.x0 = mid - span / 2;
  }
  this.ppm = w / span;
  this.clamp();
  this.draw();
  var btns = document.querySelectorAll("#controls button[data-span]");
  for (var k = 0; k < btns.length; k++) btns[k].classList.toggle("on", +btns[k].getAttribute("data-span") === (arguments[0] || 0));
};
View.prototype.clamp = function () {
  var M = this.M, span = this.width() / this.ppm, pad = span / 4;
  this.x0 = Math.min(Math.max(this.x0, M.tmin - pad), Math.max(M.tmin - pad, M.tmax + pad - span));
};
View.prototype.draw = function () { for (var k = 0; k < this.panels.length; k++) this.panels[k].draw(); };
View.prototype.x = function (m) { return LABEL_W + (m - this.x0) * this.ppm; };

function Panel(view, canvas, contentHeight, drawRows) {
  this.view = view; this.canvas = canvas; this.y0 = 0; this.h = contentHeight; this.drawRows = drawRows;
  var vis = Math.min(contentHeight + 24, Math.max(160, Math.round(window.innerHeight * 0.6)));
  canvas.style.height = vis + "px";
  view.panels.push(this);
}
Panel.prototype.draw = function () {
  var c = this.canvas, dpr = window.devicePixelRatio || 1, w = c.clientWidth, h = c.clientHeight;
  if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) { c.width = Math.round(w * dpr); c.height = Math.round(h * dpr); }
  var g = c.getContext("2d");
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, w, h);
  this.y0 = Math.max(0, Math.min(this.y0, this.h + 24 - h));
  drawAxis(g, this.view, w, h);
  g.save();
  g.beginPath(); g.rect(0, 22, w, h - 22); g.clip();
  g.translate(0, 22 - this.y0);
  this.drawRows(g, w, h - 22, this.y0);
  g.restore();
};

/* Time axis: ticks by hour, day, week or month, whichever keeps labels apart. */
function drawAxis(g, view, w, h) {
  var steps = [60, 360, MIN_DAY, 7 * MIN_DAY, 30 * MIN_DAY], step = steps[steps.length - 1];
  for (var k = 0; k < steps.length; k++) if (steps[k] * view.ppm >= 70) { step = steps[k]; break; }
  var m = Math.floor(view.x0 / step) * step, end = view.x0 + (w - LABEL_W) / view.ppm;
  g.font = "11px system-ui,sans-serif";
  g.fillStyle = "#f7f7f9"; g.fillRect(0, 0, w, 22);
  for (; m <= end; m += step) {
    var x = view.x(m);
    if (x < LABEL_W) continue;
    g.fillStyle = "#e6e6ea"; g.fillRect(x, 22, 1, h);
    g.fillStyle = "#555";
    var label = step < MIN_DAY ? fmtTime(m).slice(5) : fmtDay(m).slice(step >= 30 * MIN_DAY ? 0 : 5);
    g.fillText(label, x + 3, 15);
  }
}

/* ---- the Gantt: bars of the visible time window only ---- */
function barColour(M, view, q) {
  if (view.sel) return view.sel[q] ? "#ffd21f" : "#dcdfe4";
  if (M.poIns[q]) return "#6fc28b";
  if (M.poLate[q]) return "#e07a6b";
  return "#7fa7d9";
}

function drawGanttRows(view, g, w, h, y0) {
  var M = view.M, op = M.op, t1 = view.x0 + (w - LABEL_W) / view.ppm, drawn = 0;
  g.font = "11px system-ui,sans-serif"; g.textBaseline = "middle";
  for (var r = 0; r < M.rows.length; r++) {
    var row = M.rows[r], ids = row.ids;
    if (row.y + row.lanes * ROW_H < y0 || row.y > y0 + h) continue;
    g.fillStyle = r % 2 ? "#fafafa" : "#f2f4f7";
    g.fillRect(0, row.y, w, row.lanes * ROW_H + 6);
    var lo = lowerBound(op.s, ids, view.x0 - row.maxDur);
    g.save(); g.beginPath(); g.rect(LABEL_W, row.y, w - LABEL_W, row.lanes * ROW_H + 6); g.clip();
    for (var j = lo; j < ids.length; j++) {
      var i = ids[j];
      if (op.s[i] > t1) break;
      if (op.s[i] + op.dur[i] < view.x0) continue;
      drawBar(g, view, i, row.y + 3 + M.lane[i] * ROW_H);
      drawn++;
    }
    g.restore();
    g.fillStyle = "#222"; g.font = "600 11px system-ui,sans-serif";
    g.fillText(M.res[row.res], 6, row.y + 3 + ROW_H / 2, LABEL_W - 10);
    g.font = "11px system-ui,sans-serif";
  }
  document.getElementById("status").setAttribute("data-drawn", drawn);
}

function lowerBound(s, ids, t) {
  var a = 0, b = ids.length;
  while (a < b) { var m = (a + b) >> 1; if (s[ids[m]] < t) a = m + 1; else b = m; }
  return a;
}

function drawBar(g, view, i, y) {
  var M = view.M, op = M.op, q = op.po[i], x = view.x(op.s[i]), bw = Math.max(1, op.dur[i] * view.ppm);
  g.fillStyle = barColour(M, view, q);
  g.fillRect(x, y, bw, ROW_H - 3);
  if (op.ot[i]) {
    g.fillStyle = "#f39c12";
    for (var k = 0; k < bw; k += 6) g.fillRect(x + k, y + ROW_H - 7, 3, 4);
  }
  if (M.poDist[q] && !view.sel) { g.strokeStyle = "#8e44ad"; g.lineWidth = 2; g.strokeRect(x + 1, y + 1, bw - 2, ROW_H - 5); }
  else if (bw > 4) { g.strokeStyle = "rgba(0,0,0,.35)"; g.lineWidth = 1; g.strokeRect(x + 0.5, y + 0.5, bw - 1, ROW_H - 4); }
  if (bw > 36) {
    var label = M.po.id[q], item = M.items[M.po.item[q]];
    if (item !== undefined && g.measureText(label + " " + item).width + 8 < bw) label += " " + item;
    if (g.measureText(label).width + 6 < bw) { g.fillStyle = "#111"; g.fillText(label, x + 3, y + (ROW_H - 3) / 2); }
  }
}

/* The operation under a point of the Gantt canvas, or -1. */
function hitGantt(view, panel, px, py) {
  var M = view.M, op = M.op, y = py - 22 + panel.y0, m = view.x0 + (px - LABEL_W) / view.ppm;
  if (px < LABEL_W || py < 22) return -1;
  for (var r = 0; r < M.rows.length; r++) {
    var row = M.rows[r];
    if (y < row.y || y >= row.y + row.lanes * ROW_H + 6) continue;
    var lane = Math.floor((y - row.y - 3) / ROW_H), slack = 3 / view.ppm;
    for (var j = lowerBound(op.s, row.ids, m - row.maxDur - slack); j < row.ids.length; j++) {
      var i = row.ids[j];
      if (op.s[i] > m + slack) break;
      if (M.lane[i] === lane && op.s[i] - slack <= m && m <= op.s[i] + op.dur[i] + slack) return i;
    }
  }
  return -1;
}

/* ---- the load chart: per resource and day, load against available minutes ---- */
function loadModel(M) {
  var v = numbers(M.D.ld), rows = [], byRes = {};
  for (var j = 0; j < v.length; j += 4) {
    var r = v[j], day = v[j + 1], av = v[j + 2], ld = v[j + 3];
    if (!byRes[r]) { byRes[r] = { res: r, days: [], max: 1, avail: 0, load: 0, over: 0 }; rows.push(byRes[r]); }
    var R = byRes[r];
    R.days.push([day, av, ld]);
    R.max = Math.max(R.max, av, ld); R.avail += av; R.load += ld;
    if (ld > av) R.over++;
  }
  var ot = {};
  for (var i = 0; i < M.nop; i++) if (M.op.ot[i]) ot[M.op.res[i] + ":" + Math.floor(M.op.s[i] / MIN_DAY)] = 1;
  rows.sort(function (a, b) { return a.res - b.res; });
  M.loadRows = rows; M.otDays = ot;
}

function drawLoadRows(view, g, w, h, y0) {
  var M = view.M, t1 = view.x0 + (w - LABEL_W) / view.ppm;
  g.font = "11px system-ui,sans-serif"; g.textBaseline = "middle";
  for (var r = 0; r < M.loadRows.length; r++) {
    var R = M.loadRows[r], y = r * LOAD_H, base = y + LOAD_H - 4, sc = (LOAD_H - 10) / R.max;
    if (y + LOAD_H < y0 || y > y0 + h) continue;
    g.fillStyle = r % 2 ? "#fafafa" : "#f2f4f7"; g.fillRect(0, y, w, LOAD_H);
    g.save(); g.beginPath(); g.rect(LABEL_W, y, w - LABEL_W, LOAD_H); g.clip();
    for (var k = 0; k < R.days.length; k++) {
      var dd = R.days[k], m = dd[0] * MIN_DAY;
      if (m > t1 || m + MIN_DAY < view.x0) continue;
      var x = view.x(m), bw = Math.max(1, MIN_DAY * view.ppm - 1);
      g.fillStyle = dd[2] > dd[1] ? "#d9534f" : "#9cb8dc";
      g.fillRect(x, base - dd[2] * sc, bw, dd[2] * sc);
      if (M.otDays[R.res + ":" + dd[0]]) { g.fillStyle = "#f39c12"; g.fillRect(x, y + 2, bw, 4); }
      g.strokeStyle = "#333"; g.setLineDash([3, 2]); g.beginPath();
      g.moveTo(x, base - dd[1] * sc); g.lineTo(x + bw, base - dd[1] * sc); g.stroke(); g.setLineDash([]);
    }
    g.restore();
    var util = R.avail ? Math.round(100 * R.load / R.avail) : 0;
    g.fillStyle = "#222"; g.font = "600 11px system-ui,sans-serif";
    g.fillText(M.res[R.res], 6, y + 14, LABEL_W - 10);
    g.font = "11px system-ui,sans-serif"; g.fillStyle = R.over ? "#b00" : "#555";
    g.fillText(util + "% used" + (R.over ? ", " + R.over + " over" : ""), 6, y + 30, LABEL_W - 10);
  }
}

function hitLoad(view, panel, px, py) {
  var M = view.M, y = py - 22 + panel.y0, r = Math.floor(y / LOAD_H);
  if (px < LABEL_W || py < 22 || r < 0 || r >= M.loadRows.length) return null;
  var day = Math.floor((view.x0 + (px - LABEL_W) / view.ppm) / MIN_DAY), R = M.loadRows[r];
  for (var k = 0; k < R.days.length; k++) if (R.days[k][0] === day) return { R: R, d: R.days[k] };
  return null;
}

/* ---- tooltip ---- */
function showTip(ev, html) {
  var tip = document.getElementById("tip");
  if (!html) { tip.style.display = "none"; return; }
  tip.innerHTML = html;
  tip.style.display = "block";
  var x = ev.clientX + 14, y = ev.clientY + 14;
  if (x + tip.offsetWidth > window.innerWidth) x = ev.clientX - tip.offsetWidth - 10;
  if (y + tip.offsetHeight > window.innerHeight) y = ev.clientY - tip.offsetHeight - 10;
  tip.style.left = x + "px"; tip.style.top = y + "px";
}

function opTip(M, i) {
  var op = M.op, q = op.po[i], served = M.served(q), names = [];
  for (var k = 0; k < served.length && names.length < 12; k++) {
    var o = served[k] < 0 ? null : M.co[served[k]];
    names.push(o ? esc(o[0]) + (o[6] === "late" ? ' <span class="why">(late ' + o[5] + " d)</span>" : "") : "safety stock");
  }
  if (served.length > 12) names.push("and " + (served.length - 12) + " more");
  return "<b>" + esc(M.po.id[q]) + "</b> " + esc(M.items[M.po.item[q]] || "") + ", qty " + M.po.qty[q] +
    "<br>op " + op.seq[i] + " on " + esc(M.res[op.res[i]]) +
    "<br>" + fmtTime(op.s[i]) + " to " + fmtTime(op.s[i] + op.dur[i]) + " (" + op.dur[i] + " min)" +
    (op.ot[i] ? "<br><b>runs in overtime</b>" : "") +
    "<br>serves: " + (names.join(", ") || "nothing pegged") + "<br><span class=muted>click to highlight its chain</span>";
}

function loadTip(M, hit) {
  var d = hit.d;
  return "<b>" + esc(M.res[hit.R.res]) + "</b> " + fmtDay(d[0] * MIN_DAY) + "<br>load " + d[2] + " of " + d[1] +
    " available minutes" + (d[2] > d[1] ? '<br><b class="why">overloaded by ' + (d[2] - d[1]) + " min</b>" : "") +
    (M.otDays[hit.R.res + ":" + d[0]] ? "<br>overtime this day" : "");
}

/* ---- selection: an order's whole supply chain ---- */
function select(view, id) {
  var M = view.M, box = document.getElementById("chain"), orders = [], pos = [];
  id = (id || "").trim();
  if (!id) { view.sel = null; box.className = ""; box.innerHTML = ""; view.draw(); return; }
  var pq = poIndex(M, id);
  if (id in M.coIndex) orders = [M.coIndex[id]];
  else if (pq >= 0) orders = Array.from(M.served(pq)).filter(function (c) { return c >= 0; });
  else { box.className = "show"; box.innerHTML = "No order " + esc(id) + " in this plan."; view.sel = null; view.draw(); return; }
  var sel = new Uint8Array(M.po.id.length);
  orders.forEach(function (c) { M.ordersPo(c).forEach(function (q) { sel[q] = 1; }); });
  if (pq >= 0) sel[pq] = 1;
  for (var q = 0; q < sel.length; q++) if (sel[q]) pos.push(q);
  view.sel = sel;
  box.className = "show";
  box.innerHTML = chainHtml(M, id, orders, pos);
  focusChain(view, pos);
  view.draw();
}

function chainHtml(M, id, orders, pos) {
  var html = "<b>Supply chain of " + esc(id) + "</b>: " + pos.length + " planned orders";
  orders.slice(0, 20).forEach(function (c) {
    var o = M.co[c], why = whyText(o[7]);
    html += "<div>" + esc(o[0]) + " (" + esc(M.items[o[1]] || "") + ", qty " + o[2] + ", due " + esc(o[3]) + "): " +
      (o[6] === "late" ? '<b class="why">late by ' + o[5] + (o[5] === 1 ? " day" : " days") + "</b>, completes " + esc(o[4] || "") : esc(o[6])) +
      (why ? '<div class="why">why: ' + esc(why) + "</div>" : "") + "</div>";
  });
  var rows = [], op = M.op, inChain = {};
  pos.forEach(function (q) { inChain[q] = 1; });
  for (var i = 0; i < M.nop && rows.length < 400; i++) if (inChain[op.po[i]]) rows.push(i);
  rows.sort(function (a, b) { return op.s[a] - op.s[b]; });
  html += '<table id="chain-ops"><tr><th>planned order</th><th>item</th><th>op</th><th>resource</th><th>start</th><th>end</th></tr>';
  rows.forEach(function (i) {
    html += '<tr class="chain-op"><td>' + esc(M.po.id[op.po[i]]) + "</td><td>" + esc(M.items[M.po.item[op.po[i]]] || "") +
      "</td><td>" + op.seq[i] + "</td><td>" + esc(M.res[op.res[i]]) + "</td><td>" + fmtTime(op.s[i]) + "</td><td>" +
      fmtTime(op.s[i] + op.dur[i]) + "</td></tr>";
  });
  return html + "</table>";
}

/* Bring the chain into view: its time span, and the first resource it uses. */
function focusChain(view, pos) {
  var M = view.M, op = M.op, lo = Infinity, hi = -Infinity, res = -1, inChain = {};
  pos.forEach(function (q) { inChain[q] = 1; });
  for (var i = 0; i < M.nop; i++) if (inChain[op.po[i]]) {
    if (op.s[i] < lo) { lo = op.s[i]; res = op.res[i]; }
    hi = Math.max(hi, op.s[i] + op.dur[i]);
  }
  if (!isFinite(lo)) return;
  var span = view.width() / view.ppm;
  if (hi - lo > span) { view.ppm = view.width() / ((hi - lo) * 1.1); span = view.width() / view.ppm; }
  view.x0 = lo - (span - (hi - lo)) / 2;
  view.clamp();
  var btns = document.querySelectorAll("#controls button[data-span]");
  for (var k = 0; k < btns.length; k++) btns[k].classList.remove("on");
  for (var r = 0; r < M.rows.length; r++) if (M.rows[r].res === res) view.panels[0].y0 = Math.max(0, M.rows[r].y - 20);
}

/* ---- tables: sortable by any column, filtered by a text box ---- */
function table(boxId, cols, rows, opts) {
  opts = opts || {};
  var box = document.getElementById(boxId), state = { col: opts.sort === undefined ? -1 : opts.sort, dir: opts.dir || 1, filter: "", limit: 200 };
  if (!rows.length) { box.innerHTML = '<p class="muted">' + (opts.empty || "none") + "</p>"; return; }
  box.innerHTML = '<div class="bar"><input type="search" placeholder="filter" size="24"> <span class="muted count"></span></div>' +
    '<div class="tbl"><table><thead><tr></tr></thead><tbody></tbody></table></div><button class="more">show more</button>';
  var head = box.querySelector("thead tr"), body = box.querySelector("tbody"), count = box.querySelector(".count");
  var more = box.querySelector(".more");
  more.addEventListener("click", function () { state.limit *= 4; render(); });
  cols.forEach(function (c, k) {
    var th = document.createElement("th");
    th.textContent = c.name;
    th.addEventListener("click", function () { state.dir = state.col === k ? -state.dir : 1; state.col = k; render(); });
    head.appendChild(th);
  });
  box.querySelector("input").addEventListener("input", function (e) { state.filter = e.target.value.toLowerCase(); render(); });
  function render() {
    var shown = rows.filter(function (r) {
      return !state.filter || cols.some(function (c, k) { return String(r[k]).toLowerCase().indexOf(state.filter) >= 0; });
    });
    if (state.col >= 0) shown.sort(function (a, b) {
      var x = a[state.col], y = b[state.col];
      return state.dir * (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y)));
    });
    var ths = head.children;
    for (var k = 0; k < ths.length; k++) ths[k].className = k === state.col ? (state.dir > 0 ? "asc" : "desc") : "";
    body.innerHTML = shown.slice(0, state.limit).map(function (r) {
      return "<tr" + (opts.rowClass ? ' class="' + opts.rowClass(r) + '"' : "") + ">" + cols.map(function (c, k) {
        return "<td" + (typeof r[k] === "number" ? ' class="n"' : "") + ">" + (c.html ? c.html(r[k], r) : esc(r[k])) + "</td>";
      }).join("") + "</tr>";
    }).join("");
    count.textContent = shown.length + " of " + rows.length + (shown.length > state.limit ? " (first " + state.limit + " shown)" : "");
    more.hidden = shown.length <= state.limit;
  }
  render();
  return { filter: function (text) { var i = box.querySelector("input"); i.value = text; state.filter = text.toLowerCase(); render(); } };
}

function orderLink(id) { return '<a href="#order=' + encodeURIComponent(id) + '">' + esc(id) + "</a>"; }

/* Exceptions as rows [kind, item, ref, date, qty, message]: see put_exceptions in board.c. */
function exceptionRows(M) {
  var D = M.D, v = numbers(D.exv), refs = readIds(D, D.exr), rows = [];
  for (var k = 0, j = 0; j < v.length; k++, j += 4) {
    var kind = D.exk[v[j]], item = M.items[v[j + 1] - 1] || "", day = zz(v[j + 2]), tpl = D.ext[v[j + 3]];
    var date = isNaN(day) ? "" : fmtDay(day * MIN_DAY), f = ["", refs[k], item, date];
    var qty = D.exq[k] === null ? "" : D.exq[k];
    rows.push([kind, item, refs[k], date, qty, tpl.replace(/[\x01-\x03]/g, function (c) { return f[c.charCodeAt(0)]; })]);
  }
  return rows;
}

/* Purchase requisitions as rows [id, item, qty, order by, needed, lead days, late]. */
function requisitionRows(M) {
  var D = M.D, v = numbers(D.prv), ids = readIds(D, D.pr), rows = [];
  for (var k = 0, j = 0; k < ids.length; k++, j += 5) {
    var item = M.items[v[j] - 1] || "", by = zz(v[j + 1]), need = zz(v[j + 2]), lead = v[j + 3], late = v[j + 4];
    rows.push([ids[k], item, D.prq[k], isNaN(by) ? "" : fmtDay(by * MIN_DAY), isNaN(need) ? "" : fmtDay(need * MIN_DAY), lead, late ? "late" : ""]);
  }
  return rows;
}

function tables(M) {
  var D = M.D, late = D.co.filter(function (o) { return o[6] === "late" || o[6] === "unplanned"; });
  table("late", [{ name: "order", html: orderLink }, { name: "item" }, { name: "qty" }, { name: "due" }, { name: "completion" },
    { name: "days late" }, { name: "status" }, { name: "why" }],
    late.map(function (o) { return [o[0], M.items[o[1]] || "", o[2], o[3], o[4] || "", o[5], o[6], whyText(o[7])]; }),
    { empty: "No late order.", rowClass: function () { return "late late-order"; }, sort: 5, dir: -1 });
  var kinds = {}, ex = exceptionRows(M);
  ex.forEach(function (e) { kinds[e[0]] = (kinds[e[0]] || 0) + 1; });
  var exTable = null, names = Object.keys(kinds).sort();
  document.getElementById("exceptions").insertAdjacentHTML("beforebegin", '<div class="kinds" id="kinds">' +
    names.map(function (k) { return '<span data-kind="' + esc(k) + '">' + esc(k) + ": " + kinds[k] + "</span>"; }).join("") + "</div>");
  document.getElementById("kinds").addEventListener("click", function (e) {
    var k = e.target.getAttribute("data-kind");
    if (k && exTable) exTable.filter(k);
  });
  exTable = table("exceptions", [{ name: "kind" }, { name: "item" }, { name: "ref" }, { name: "date" }, { name: "qty" }, { name: "message" }],
    ex, { empty: "No exception." });
  table("requisitions", [{ name: "requisition" }, { name: "item" }, { name: "qty" }, { name: "order by" }, { name: "needed" },
    { name: "lead days" }, { name: "late" }],
    requisitionRows(M),
    { empty: "No purchase requisition.", rowClass: function (r) { return r[6] ? "late" : ""; }, sort: 3 });
}

/* An insertion: the orders it added and the orders whose completion moved. */
function insertion(M) {
  var D = M.D, ins = D.co.filter(function (o) { return o[8]; });
  if (!ins.length && !(D.dist || []).length) return;
  var box = document.getElementById("insertion"), how = {};
  (D.ins || []).forEach(function (r) { if (r[0] >= 0) how[r[0]] = r; });
  box.innerHTML = '<h2>Insertion</h2><div id="ins-new"></div><h2>Orders that slipped</h2><div id="ins-slip"></div>';
  table("ins-new", [{ name: "inserted order", html: orderLink }, { name: "item" }, { name: "qty" }, { name: "due" },
    { name: "completion" }, { name: "days late" }, { name: "method" }, { name: "overtime min" }],
    ins.map(function (o) {
      var c = M.coIndex[o[0]], h = how[c] || [c, "", 0];
      return [o[0], M.items[o[1]] || "", o[2], o[3], o[4] || "", o[5], h[1], h[2]];
    }));
  table("ins-slip", [{ name: "order", html: orderLink }, { name: "was" }, { name: "now" }, { name: "slip (days)" }],
    (D.dist || []).map(function (r) {
      return [r[0] >= 0 ? D.co[r[0]][0] : "?", fmtTime(r[1]), fmtTime(r[2]), Math.round((r[2] - r[1]) / MIN_DAY * 100) / 100];
    }), { empty: "No other order moved." });
}

function summary(M) {
  var S = M.D.sum || {}, parts = [["operations", M.nop], ["resources", M.res.length]];
  ["orders", "late_orders", "total_lateness_days", "planned_orders", "exceptions", "makespan_minutes"].forEach(function (k) {
    if (typeof S[k] === "number") parts.push([k.replace(/_/g, " "), S[k]]);
  });
  parts.push(["from", M.D.t0]);
  document.getElementById("summary").innerHTML = parts.map(function (p) { return "<span>" + esc(p[0]) + " <b>" + esc(p[1]) + "</b></span>"; }).join("");
  var ids = document.getElementById("ids");
  ids.innerHTML = M.co.slice(0, 5000).map(function (o) { return '<option value="' + esc(o[0]) + '">'; }).join("");
}

/* ---- interaction: drag to pan, wheel to scroll, Ctrl+wheel to zoom, click to select ---- */
function interact(view, panel, hit, tipOf) {
  var c = panel.canvas, drag = null;
  c.addEventListener("mousedown", function (e) { drag = { x: e.clientX, y: e.clientY, x0: view.x0, y0: panel.y0, moved: false }; c.style.cursor = "grabbing"; });
  window.addEventListener("mouseup", function (e) {
    if (!drag) return;
    var d = drag;
    drag = null; c.style.cursor = "grab";
    if (d.moved) return;
    var r = c.getBoundingClientRect(), h = hit(view, panel, e.clientX - r.left, e.clientY - r.top);
    if (typeof h === "number" && h >= 0) {
      location.hash = "order=" + encodeURIComponent(view.M.po.id[view.M.op.po[h]]);
      fromUrl(view); /* at once; the hashchange that follows finds it done */
    }
  });
  window.addEventListener("mousemove", function (e) {
    if (drag) {
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      view.x0 = drag.x0 - dx / view.ppm; panel.y0 = drag.y0 - dy;
      view.clamp(); view.draw(); showTip(e, null);
      return;
    }
    if (e.target !== c) return;
    var r = c.getBoundingClientRect(), h = hit(view, panel, e.clientX - r.left, e.clientY - r.top);
    showTip(e, h === null || h === -1 ? null : tipOf(view.M, h));
  });
  c.addEventListener("mouseleave", function (e) { if (!drag) showTip(e, null); });
  c.addEventListener("wheel", function (e) {
    e.preventDefault();
    var r = c.getBoundingClientRect(), px = e.clientX - r.left;
    if (e.ctrlKey || e.metaKey) {
      var m = view.x0 + (px - LABEL_W) / view.ppm, f = Math.exp(-e.deltaY * 0.002);
      view.ppm = Math.min(4, Math.max(view.width() / (Math.max(1, view.M.tmax - view.M.tmin) * 3), view.ppm * f));
      view.x0 = m - (px - LABEL_W) / view.ppm;
    } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      view.x0 += (e.deltaX || e.deltaY) / view.ppm;
    } else {
      panel.y0 += e.deltaY;
    }
    view.clamp(); view.draw();
  }, { passive: false });
}

function controls(view) {
  var btns = document.querySelectorAll("#controls button[data-span]");
  for (var k = 0; k < btns.length; k++) btns[k].addEventListener("click", function (e) { view.zoom(+e.target.getAttribute("data-span")); });
  var find = document.getElementById("find");
  find.addEventListener("change", function () { location.hash = find.value.trim() ? "order=" + encodeURIComponent(find.value.trim()) : ""; });
  find.addEventListener("keydown", function (e) { if (e.key === "Enter") find.dispatchEvent(new Event("change")); });
  document.getElementById("clear").addEventListener("click", function () { find.value = ""; location.hash = ""; });
  window.addEventListener("hashchange", function () { fromUrl(view); });
  window.addEventListener("resize", function () { view.clamp(); view.draw(); });
}

/* #order=ID or ?order=ID selects that order's chain. */
function fromUrl(view) {
  var m = /[#&?]order=([^&]*)/.exec(location.hash) || /[?&]order=([^&]*)/.exec(location.search);
  var id = m ? decodeURIComponent(m[1].replace(/\+/g, " ")) : "";
  if (id === view.selId) return;
  view.selId = id;
  document.getElementById("find").value = id;
  select(view, id);
}

function main() {
  var t = performance.now(), marks = [], D = JSON.parse(document.getElementById("plan").textContent);
  function mark(what) { marks.push(what + " " + Math.round(performance.now() - t)); }
  mark("parse");
  T0 = Date.parse(D.t0 + "T00:00:00Z");
  var M = model(D);
  mark("model");
  loadModel(M);
  summary(M);
  var view = new View(M);
  var gantt = new Panel(view, document.getElementById("gantt"), M.height, function (g, w, h, y0) { drawGanttRows(view, g, w, h, y0); });
  var load = new Panel(view, document.getElementById("load"), M.loadRows.length * LOAD_H, function (g, w, h, y0) { drawLoadRows(view, g, w, h, y0); });
  interact(view, gantt, hitGantt, opTip);
  interact(view, load, hitLoad, loadTip);
  controls(view);
  view.zoom(M.tmax - M.tmin > 60 * MIN_DAY ? 30 * MIN_DAY : 0);
  mark("draw");
  insertion(M);
  tables(M);
  mark("tables");
  fromUrl(view);
  var st = document.getElementById("status");
  st.setAttribute("data-bars", M.nop);
  st.setAttribute("data-resources", M.res.length);
  st.setAttribute("data-script-ms", Math.round(performance.now() - t));
  st.setAttribute("data-marks", marks.join(", "));
  st.setAttribute("data-load-ms", Math.round(performance.now()));
  st.setAttribute("data-errors", document.getElementById("errors").children.length);
  window.board = view;
  if (/[?&]bench\b/.test(location.search)) bench(view, st);
  if (/[?&]selftest\b/.test(location.search)) st.setAttribute("data-selftest", selftest(view).join("; "));
}

/* ?bench: how long the heaviest redraws take (the whole horizon, then a week). */
function bench(view, st) {
  var t = performance.now();
  view.zoom(0);
  var all = performance.now() - t;
  t = performance.now();
  view.zoom(7 * MIN_DAY);
  st.setAttribute("data-zoom-ms", "all " + Math.round(all) + ", week " + Math.round(performance.now() - t));
}

/* ?selftest: the page's own handlers driven as a user would (a click on the first bar of
** the first resource, a click on a table heading, text in a filter), each result in words. */
function selftest(view) {
  var M = view.M, out = [], panel = view.panels[0], c = panel.canvas, row = null;
  for (var r = 0; r < M.rows.length && !row; r++) if (M.rows[r].ids.length) row = M.rows[r];
  if (!row) return ["no operation to click"];
  var i = row.ids[0], id = M.po.id[M.op.po[i]];
  view.x0 = M.op.s[i] - 40 / view.ppm; panel.y0 = row.y; view.draw();
  var box = c.getBoundingClientRect(), bw = Math.max(1, M.op.dur[i] * view.ppm);
  var x = box.left + view.x(M.op.s[i]) + Math.min(bw / 2, 20), y = box.top + 22 + row.y - panel.y0 + 3 + M.lane[i] * ROW_H + 8;
  c.dispatchEvent(new MouseEvent("mousedown", { clientX: x, clientY: y, bubbles: true }));
  window.dispatchEvent(new MouseEvent("mouseup", { clientX: x, clientY: y }));
  var chain = document.getElementById("chain").textContent;
  out.push(chain.indexOf("Supply chain of " + id + ":") === 0 ? "click selects " + id : "click: no chain for " + id);
  out.push(sortCheck("late", 3) || sortCheck("requisitions", 3) || "sort: no table to sort");
  var kinds = document.querySelectorAll("#kinds span");
  if (kinds.length) {
    var kind = kinds[0].getAttribute("data-kind"), n = +kinds[0].textContent.split(": ")[1];
    kinds[0].dispatchEvent(new MouseEvent("click", { bubbles: true }));
    var shown = document.querySelectorAll("#exceptions tbody tr").length;
    out.push(shown === Math.min(n, 200) ? "filter " + kind + " shows " + shown : "filter " + kind + ": " + shown + " rows, expected " + n);
  }
  return out;
}

/* Click heading col of the table in box id; "" when the box has no table. */
function sortCheck(id, col) {
  var th = document.querySelectorAll("#" + id + " thead th")[col];
  if (!th) return "";
  th.dispatchEvent(new MouseEvent("click", { bubbles: true }));
  var cells = Array.prototype.map.call(document.querySelectorAll("#" + id + " tbody tr"), function (tr) { return tr.children[col].textContent; });
  for (var k = 1; k < cells.length; k++) if (cells[k - 1] > cells[k]) return "sort " + id + ": row " + k + " out of order";
  return "sort " + id + " by " + th.textContent + " ok";
}

try { main(); } catch (e) { noteError(e && e.stack ? e.stack : String(e)); }
