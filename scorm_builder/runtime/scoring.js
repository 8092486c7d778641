/* scorm-builder scoring: runs the plan made by scorm_builder.scoring.export_spec (rules live in
 * scoring.yaml). Generic primitives only: exact fractions [numerator, denominator] of small
 * integers, mean, half-up rounding, ranking with a tie-break, placement by two thresholds.
 * Browser: SBScoring.evaluate(plan, input); node: require('./scoring.js').evaluate. ES2017. */
(function (root) {
  'use strict';
  function fail(msg) { throw new Error('scoring: ' + msg); }
  function safe(n) { if (!Number.isSafeInteger(n)) fail('number out of range'); return n; }
  function gcd(a, b) { while (b) { var t = a % b; a = b; b = t; } return a; }
  function frac(n, d) { var g = gcd(Math.abs(safe(n)), safe(d)); return [n / g, d / g]; }
  function add(a, b) { return frac(a[0] * b[1] + b[0] * a[1], a[1] * b[1]); }
  function cmp(a, b) { return safe(a[0] * b[1]) - safe(b[0] * a[1]); }
  function mean(fs) {
    if (!fs.length) return null;
    var s = fs.reduce(add, [0, 1]);
    return frac(s[0], s[1] * fs.length);
  }
  // Half up on an exact non-negative fraction: floor((2 n 10^dec + d) / 2d), then / 10^dec.
  function round(f, dec) {
    if (f === null) return null;
    var p = Math.pow(10, dec), a = safe(2 * f[0] * p + f[1]), b = safe(2 * f[1]);
    return (a - a % b) / b / p;
  }
  function point(v, min, max, what) {
    if (v === null || v === undefined) return null;
    if (!Number.isInteger(v) || v < min || v > max) fail(what + ': not a whole number ' + min + '-' + max);
    return v;
  }
  function rank(items, rule, sign, skip) {
    var order = rule.tie_break === 'reverse-content-order' ? -1 : 1;
    return items.filter(function (i) { return skip.indexOf(i.id) < 0; })
      .sort(function (a, b) { return sign * cmp(a.score, b.score) || order * (a.idx - b.idx); })
      .slice(0, rule.count).map(function (i) { return i.id; });
  }

  function suggest(plan, items) {
    var strong = rank(items, plan.strengths, -1, []), rule = plan.development_areas;
    return [strong, rank(items, rule, 1, rule.exclude_strengths ? strong : [])];
  }
  /* Each axis: low up to low_to, high from high_from, middle between (the midline). The quadrant is
     the one profile the point touches; near lists every profile it touches, in matrix order. */
  function place(rule, ratings, out) {
    var levels = {}, sides = {};
    ['x', 'y'].forEach(function (k) {
      var v = point(ratings[k], rule.min, rule.max, k);
      levels[k] = v === null ? null : v <= rule.low_to ? 'low' : v >= rule.high_from ? 'high' : 'middle';
      sides[k] = levels[k] === 'middle' ? ['low', 'high'] : levels[k] ? [levels[k]] : [];
    });
    out.placement = levels;
    out.near = rule.profiles.filter(function (p) { return sides.x.indexOf(p.x) >= 0 && sides.y.indexOf(p.y) >= 0; })
      .map(function (p) { return p.id; });
    out.quadrant = out.near.length === 1 ? out.near[0] : null;
    return levels.x !== null && levels.y !== null;
  }

  function evaluate(plan, input) {
    var answers = (input && input.answers) || {}, ratings = (input && input.placement) || {};
    var dec = plan.rounding.decimals, minAnswered = plan.category_score.min_answered;
    var byItems = plan.overall.method === 'mean-of-statements', needAll = plan.completion.statements === 'all';
    if (plan.rounding.mode !== 'half-up' || plan.category_score.method !== 'mean' ||
        (!byItems && plan.overall.method !== 'mean-of-categories')) fail('unknown rule');
    var out = { categories: {}, questionnaires: {} }, ranked = [], all = [], done = true, answered = 0, total = 0;
    var per = { strengths: [], development_areas: [] };
    function overall(parts, n, t) {
      var m = mean(parts);
      return { raw: round(m, dec), scaled: m && round(frac(m[0], m[1] * 100), dec + 2), answered: n, total: t };
    }
    plan.questionnaires.forEach(function (q) {
      var parts = [], qn = 0, qt = 0, width = q.max - q.min, first = ranked.length;
      q.categories.forEach(function (c) {
        var vals = [];
        c.statements.forEach(function (s) {
          var v = point(answers[s], q.min, q.max, s);
          if (v !== null) vals.push(v);
        });
        var n = vals.length, size = c.statements.length, sum = vals.reduce(function (a, v) { return a + v; }, 0);
        var score = n >= minAnswered ? frac(sum, n) : null;
        if (score) {
          ranked.push({ id: c.id, score: score, idx: ranked.length });
          if (!byItems) parts.push(frac((score[0] - q.min * score[1]) * 100, score[1] * width));
        }
        if (byItems) vals.forEach(function (v) { parts.push(frac((v - q.min) * 100, width)); });
        if (needAll ? n < size : !score) done = false;
        out.categories[c.id] = { questionnaire: q.id, score: round(score, dec), answered: n, total: size };
        qn += n; qt += size;
      });
      var o = out.questionnaires[q.id] = overall(parts, qn, qt), mine = suggest(plan, ranked.slice(first));
      o.strengths = mine[0]; o.development_areas = mine[1];
      per.strengths = per.strengths.concat(mine[0]); per.development_areas = per.development_areas.concat(mine[1]);
      all = all.concat(parts); answered += qn; total += qt;
    });
    out.overall = overall(all, answered, total);
    var whole = suggest(plan, ranked);
    out.strengths = plan.strengths.per === 'course' ? whole[0] : per.strengths;
    out.development_areas = plan.development_areas.per === 'course' ? whole[1] : per.development_areas;
    out.placement = null; out.quadrant = null; out.near = [];
    if (plan.placement && !place(plan.placement, ratings, out) && plan.completion.placement === 'required') done = false;
    out.complete = done;
    return out;
  }

  var api = { evaluate: evaluate, round: round, frac: frac };
  root.SBScoring = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof self !== 'undefined' ? self : this);
