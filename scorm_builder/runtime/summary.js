/* scorm-builder runtime: the summary page, drawn from the scoring result (bar chart: text and SVG bars,
   with the table beside it as its text alternative; the learner's point on the 2x2 model, with a
   sentence as its text alternative), and the sentence that names the learner's placement. */
(function (w, d) {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";

  function el(tag, attrs, text) {
    var node = tag.indexOf("svg:") === 0 ? d.createElementNS(NS, tag.slice(4)) : d.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function fill(box, nodes) {
    if (!box) return;
    while (box.firstChild) box.removeChild(box.firstChild);
    nodes.forEach(function (n) { box.appendChild(n); });
  }
  function each(selector, fn) { [].forEach.call(d.querySelectorAll(selector), fn); }
  /* A score with the scoring rules' decimals, so that a whole 4 reads "4,00" beside "2,67". */
  function num(x, lang, dec) { return x === null ? "–" : Number(x).toFixed(dec).replace(".", lang === "en" ? "." : ","); }
  function fmt(t, v) { return t.replace(/\{(\w+)\}/g, function (_, k) { return v[k]; }); }

  /* One row per category: its name and score as text (readable at any width), the bar drawn. */
  function chart(cats, r, ui, lang, dec) {
    var box = el("div", { role: "img", "aria-label": ui.chart_label, "class": "chart" });
    cats.forEach(function (cat) {
      var res = r.categories[cat.id], span = 100;
      var bar = res && res.score !== null ? ((res.score - cat.min) / (cat.max - cat.min)) * span : 0;
      var svg = el("svg:svg", { viewBox: "0 0 " + span + " 20", preserveAspectRatio: "none", "aria-hidden": "true", focusable: "false" });
      svg.appendChild(el("svg:rect", { x: 0, y: 0, width: span, height: 20, "class": "track" }));
      svg.appendChild(el("svg:rect", { x: 0, y: 0, width: Math.max(bar, 0), height: 20, "class": "bar" }));
      var row = el("div", { "class": "chart-row" });
      row.appendChild(el("span", { "class": "chart-label" }, cat.t));
      row.appendChild(svg);
      row.appendChild(el("span", { "class": "chart-value" }, num(res ? res.score : null, lang, dec)));
      box.appendChild(row);
    });
    return box;
  }

  function names(ids, data, ui) {
    var titles = {};
    data.categories.forEach(function (c) { titles[c.id] = c.t; });
    return ids.length ? ids.map(function (id) { return el("li", {}, titles[id]); }) : [el("li", {}, ui.nothing_yet)];
  }

  function missing(r, st, data, ui) {
    var parts = [];
    Object.keys(data.questionnaires).forEach(function (qid) {
      var open = data.state.statements.filter(function (id) { return data.items[id].q === qid && !st.answers[id]; }).length;
      if (open) parts.push(fmt(ui.missing_answers, { n: open, title: data.questionnaires[qid] }));
    });
    if (r.placement && (r.placement.x === null || r.placement.y === null)) parts.push(ui.missing_placement);
    return parts;
  }

  /* The sentence naming the placement: one profile, on a midline between two, or at the centre. */
  function placementText(r, data, ui) {
    var near = (r && r.near) || [], p = data.profiles;
    if (near.length === 1) return fmt(ui.placement_is, { profile: p[near[0]] });
    if (near.length === 2) return fmt(ui.placement_between, { a: p[near[0]], b: p[near[1]] });
    if (near.length > 2) return ui.placement_centre;
    return "";
  }

  /* A rating's place along one axis drawn from a to b: low ratings in the low half, high ones in the
     high half, ratings on the midline at the middle (spread a little when there are several). */
  function along(v, P, a, b) {
    var mid = (a + b) / 2, n;
    if (v <= P.low_to) { n = P.low_to - P.min + 1; return a + (mid - a) * (v - P.min + 0.5) / n; }
    if (v >= P.high_from) { n = P.max - P.high_from + 1; return mid + (b - mid) * (v - P.high_from + 0.5) / n; }
    n = P.high_from - P.low_to - 1;
    return n === 1 ? mid : mid + (b - mid) * 0.2 * ((v - P.low_to - 1) / (n - 1) * 2 - 1);
  }

  function point(r, st, data, ui) {
    var dot = d.getElementById("summary-matrix-point"), P = data.scoring && data.scoring.placement;
    var text = d.getElementById("summary-point-text"), desc = d.getElementById("summary-matrix-svg-desc");
    if (!dot || !P) return;
    var x = st.placement.x, y = st.placement.y, rated = !!(x && y);
    var said = rated ? fmt(ui.placement_point, { x: x, y: y, max: P.max,
      xlabel: data.axes.x.toLowerCase(), ylabel: data.axes.y.toLowerCase() }) : ui.placement_none;
    if (rated) {
      var xs = dot.getAttribute("data-x").split(" ").map(Number), ys = dot.getAttribute("data-y").split(" ").map(Number);
      dot.setAttribute("cx", along(x, P, xs[0], xs[1]));
      dot.setAttribute("cy", along(y, P, ys[0], ys[1]));
    }
    dot.setAttribute("visibility", rated ? "visible" : "hidden");
    text.textContent = rated ? said : "";
    if (!desc.getAttribute("data-cells")) desc.setAttribute("data-cells", desc.textContent);
    desc.textContent = (rated ? said + " " + placementText(r, data, ui) + " " : "") + desc.getAttribute("data-cells");
  }

  w.SB.Summary = {
    placementText: placementText,
    render: function (r, st, data, ui) {
      var cats = data.categories, lang = data.lang, dec = data.scoring.rounding.decimals;
      fill(d.getElementById("summary-chart"), [chart(cats, r, ui, lang, dec)]);
      var rows = cats.map(function (cat) {
        var res = r.categories[cat.id] || { score: null, answered: 0, total: 0 }, tr = el("tr");
        tr.appendChild(el("th", { scope: "row" }, cat.t));
        tr.appendChild(el("td", {}, num(res.score, lang, dec)));
        tr.appendChild(el("td", {}, res.answered + " / " + res.total));
        return tr;
      });
      fill(d.getElementById("summary-table").tBodies[0], rows);
      var overall = d.getElementById("summary-overall");
      if (overall) overall.textContent = r.overall.raw === null ? "" : fmt(ui.overall, { raw: num(r.overall.raw, lang, dec) });
      each("[data-suggest]", function (list) {
        var qid = list.getAttribute("data-questionnaire"), from = qid ? r.questionnaires[qid] : r;
        fill(list, names((from && from[list.getAttribute("data-suggest")]) || [], data, ui));
      });
      var placed = d.getElementById("summary-placement");
      if (placed) placed.textContent = placementText(r, data, ui) || ui.placement_none;
      point(r, st, data, ui);
      each("[data-text-of]", function (dd) { dd.textContent = st.texts[dd.getAttribute("data-text-of")] || ui.not_written; });
      var gap = missing(r, st, data, ui), box = d.getElementById("summary-missing");
      box.hidden = !gap.length;
      box.textContent = gap.length ? fmt(ui.missing, { items: gap.join(", ") }) : "";
    }
  };
})(window, document);
