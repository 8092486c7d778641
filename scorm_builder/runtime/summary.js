/* scorm-builder runtime: the summary page, drawn from the scoring result (bar chart as inline SVG,
   with the table beside it as its text alternative). */
(function (w, d) {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";

  function el(tag, attrs, text) {
    var node = tag.indexOf("svg:") === 0 ? d.createElementNS(NS, tag.slice(4)) : d.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function fill(id, nodes) {
    var box = d.getElementById(id);
    if (!box) return;
    while (box.firstChild) box.removeChild(box.firstChild);
    nodes.forEach(function (n) { box.appendChild(n); });
  }
  function num(x, lang) { return x === null ? "–" : String(x).replace(".", lang === "en" ? "." : ","); }
  function fmt(t, v) { return t.replace(/\{(\w+)\}/g, function (_, k) { return v[k]; }); }

  function chart(cats, r, ui, lang) {
    var row = 28, width = 560, label = 230, h = cats.length * row + 30;
    var svg = el("svg:svg", { viewBox: "0 0 " + width + " " + h, role: "img", "aria-label": ui.chart_label, "class": "chart" });
    cats.forEach(function (cat, i) {
      var res = r.categories[cat.id], y = i * row + 4, span = width - label - 50;
      var bar = res && res.score !== null ? ((res.score - cat.min) / (cat.max - cat.min)) * span : 0;
      svg.appendChild(el("svg:text", { x: label - 8, y: y + 15, "text-anchor": "end" }, cat.t));
      svg.appendChild(el("svg:rect", { x: label, y: y, width: span, height: 20, "class": "track" }));
      svg.appendChild(el("svg:rect", { x: label, y: y, width: Math.max(bar, 0), height: 20, "class": "bar" }));
      svg.appendChild(el("svg:text", { x: label + span + 6, y: y + 15 }, num(res ? res.score : null, lang)));
    });
    return svg;
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
    if (data.state.placement.length && !r.quadrant) parts.push(ui.missing_placement);
    return parts;
  }

  w.SB.Summary = {
    render: function (r, st, data, ui) {
      var cats = data.categories, lang = data.lang;
      fill("summary-chart", [chart(cats, r, ui, lang)]);
      var rows = cats.map(function (cat) {
        var res = r.categories[cat.id] || { score: null, answered: 0, total: 0 }, tr = el("tr");
        tr.appendChild(el("th", { scope: "row" }, cat.t));
        tr.appendChild(el("td", {}, num(res.score, lang)));
        tr.appendChild(el("td", {}, res.answered + " / " + res.total));
        return tr;
      });
      var body = d.getElementById("summary-table").tBodies[0];
      while (body.firstChild) body.removeChild(body.firstChild);
      rows.forEach(function (tr) { body.appendChild(tr); });
      d.getElementById("summary-overall").textContent = r.overall.raw === null ? "" : fmt(ui.overall, { raw: num(r.overall.raw, lang) });
      d.getElementById("summary-placement").textContent = r.quadrant ? fmt(ui.placement_is, { profile: data.profiles[r.quadrant] }) : ui.placement_none;
      fill("summary-strengths", names(r.strengths, data, ui));
      fill("summary-development", names(r.development_areas, data, ui));
      var refl = [];
      data.state.reflections.forEach(function (pair) {
        refl.push(el("dt", {}, data.reflections[pair[0]]), el("dd", {}, st.texts[pair[0]] || ui.not_written));
      });
      fill("summary-reflections", refl);
      var gap = missing(r, st, data, ui), box = d.getElementById("summary-missing");
      box.hidden = !gap.length;
      box.textContent = gap.length ? fmt(ui.missing, { items: gap.join(", ") }) : "";
    }
  };
})(window, document);
