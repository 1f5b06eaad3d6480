// Offline search and table filtering for the rolepack site.
//
// The index (search-index.js) is a script, not JSON to fetch, so search
// works from file:// too; it is added to the page the first time the search
// box is used, so pages do not load it on every visit.
//
// Text and query are folded the same way before they are compared: lower
// case, accents dropped, ß ø æ œ ł đ ð þ spelled out in Latin letters, and
// Greek and Cyrillic transliterated, so "Muller", "Mueller", "Soren",
// "Papadopoulos" and "Kovalenko" find "Müller", "Søren", "Παπαδόπουλος"
// and "Коваленко". Every word of the query must start a word of the entry.
(function (global) {
  "use strict";

  var letters = {
    "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h", "ŋ": "n", "ĳ": "ij",
    // Greek (after the accents are dropped and the digraphs are spelled)
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i", "κ": "k", "λ": "l", "μ": "m",
    "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
    // Cyrillic (Russian, Ukrainian, Belarusian, Serbian, Macedonian, Bulgarian)
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "ђ": "dj", "ѓ": "gj", "е": "e", "є": "ye", "ж": "zh", "з": "z",
    "ѕ": "dz", "и": "i", "і": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "ћ": "c", "ќ": "kj", "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "џ": "dz",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya"
  };
  var greekPairs = [[/ου/g, "ou"], [/αυ/g, "av"], [/ευ/g, "ev"], [/γγ/g, "ng"]];
  var marks = /[\u0300-\u036f]/g;
  var special = /[^\u0000-\u007f]/g;

  // fold returns s in the form search compares: see the comment at the top.
  // With german set, ä ö ü become ae oe ue (as Germans type them without
  // the dots) instead of a o u.
  function fold(s, german) {
    s = String(s).toLowerCase();
    if (german) { s = s.replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue"); }
    s = s.normalize("NFD").replace(marks, "");
    for (var i = 0; i < greekPairs.length; i++) { s = s.replace(greekPairs[i][0], greekPairs[i][1]); }
    return s.replace(special, function (c) { return Object.prototype.hasOwnProperty.call(letters, c) ? letters[c] : c; });
  }

  // words splits a folded query into words; "A.5.24" and "top-management"
  // stay whole.
  function words(q) {
    return q.split(/[\s,;:()'"«»„“”]+/).filter(function (w) { return w !== ""; });
  }

  function isWordChar(c) { return (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c > "\u007f"; }

  // startsWord returns 2 when w is a whole word of hay, 1 when it starts
  // one, and 0 when it does neither.
  function startsWord(hay, w) {
    var best = 0;
    for (var at = hay.indexOf(w); at !== -1; at = hay.indexOf(w, at + 1)) {
      if (at === 0 || !isWordChar(hay.charAt(at - 1))) {
        var end = at + w.length;
        if (end === hay.length || !isWordChar(hay.charAt(end))) { return 2; }
        best = 1;
      }
    }
    return best;
  }

  // matchWords returns 2 when every word of ws is a whole word of one of
  // hays, 1 when every word at least starts one, and 0 otherwise.
  function matchWords(hays, ws) {
    var all = 2;
    for (var i = 0; i < ws.length; i++) {
      var best = 0;
      for (var j = 0; j < hays.length && best < 2; j++) { best = Math.max(best, startsWord(hays[j], ws[i])); }
      if (best === 0) { return 0; }
      all = Math.min(all, best);
    }
    return all;
  }

  var kindOrder = { Role: 0, Person: 1, Activity: 2, Responsibility: 3 };

  // prepare folds an index once: entries {k kind, t title, s subtitle, u
  // link, x ids and clause references}.
  function prepare(index) {
    return index.map(function (e, i) {
      var all = [e.t, e.s || "", e.x || ""].join(" \u0001 ");
      return { e: e, i: i, title: [fold(e.t, false), fold(e.t, true)], all: [fold(all, false), fold(all, true)] };
    });
  }

  // rank returns the tier of a prepared entry for the folded query q and
  // its words, or -1 when it does not match: 0 the exact title, 1 a title
  // that starts with the query, 2 a person's name, 3 any other title, 4
  // any other text (subtitle, ids, clause references). whole tells
  // whether every word matched a whole word.
  function rank(p, q, ws) {
    if (p.title[0] === q || p.title[1] === q) { return { tier: 0, whole: true }; }
    if (p.title[0].indexOf(q) === 0 || p.title[1].indexOf(q) === 0) { return { tier: 1, whole: false }; }
    var m = matchWords(p.title, ws);
    if (m > 0) { return { tier: kindRank(p.e.k) === kindOrder.Person ? 2 : 3, whole: m === 2 }; }
    m = matchWords(p.all, ws);
    if (m > 0) { return { tier: 4, whole: m === 2 }; }
    return null;
  }

  function kindRank(k) { return Object.prototype.hasOwnProperty.call(kindOrder, k) ? kindOrder[k] : 9; }

  // search returns at most limit entries of a prepared index matching
  // query, best first: by tier, then whole words before word starts
  // ("A.5.1" before "A.5.12"), then roles before people before activities
  // before responsibilities, then shorter titles, then index order.
  function search(prepared, query, limit) {
    var q = fold(query, false).trim().replace(/\s+/g, " ");
    var ws = words(q);
    if (ws.length === 0) { return []; }
    var hits = [];
    for (var i = 0; i < prepared.length; i++) {
      var r = rank(prepared[i], q, ws);
      if (r) { hits.push({ p: prepared[i], r: r.tier, w: r.whole ? 0 : 1 }); }
    }
    hits.sort(function (a, b) {
      return (a.r - b.r) || (a.w - b.w) || (kindRank(a.p.e.k) - kindRank(b.p.e.k)) ||
        (a.p.e.t.length - b.p.e.t.length) || (a.p.i - b.p.i);
    });
    return hits.slice(0, limit).map(function (h) { return h.p.e; });
  }

  // maxResults is the most results the search box shows (the site's
  // words hold a count message for each number up to it).
  var maxResults = 30;

  var api = { fold: fold, prepare: prepare, search: search };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  if (typeof document === "undefined") { return; }
  global.RolepackSearch = api;

  var input = document.getElementById("q");
  var list = document.getElementById("results");
  // The words the script shows are the page's, in the page's language:
  // a JSON block the site writes into every page (id "rolepack-words"),
  // so that this file holds no words of any language.
  var said = {};
  try { said = JSON.parse(document.getElementById("rolepack-words").textContent) || {}; } catch (e) { said = {}; }
  function say(key) { return Object.prototype.hasOwnProperty.call(said, key) ? said[key] : ""; }
  function kindName(k) { var ks = said.kinds || {}; return Object.prototype.hasOwnProperty.call(ks, k) ? ks[k] : k; }
  // counted is the message for n results: one per count up to the most
  // the search shows, each in its language's plural form.
  function counted(n) { var cs = said.results || []; return cs[Math.min(n, cs.length - 1)] || ""; }
  var status = null;
  if (list) {
    status = document.createElement("span");
    status.className = "vh";
    status.setAttribute("role", "status");
    list.parentNode.insertBefore(status, list.nextSibling);
  }
  function announce(text) { if (status) { status.textContent = text; } }
  var root = input ? input.getAttribute("data-root") || "" : "";
  var prepared = null;
  var loading = false;
  // queued is true when Enter was pressed before the index had loaded:
  // the search then runs as the index arrives, and opens the first match
  // as Enter would have.
  var queued = false;

  function loadIndex() {
    if (prepared || loading) { return; }
    if (global.ROLEPACK_INDEX) { prepared = prepare(global.ROLEPACK_INDEX); return; }
    loading = true;
    list.setAttribute("aria-busy", "true");
    var s = document.createElement("script");
    s.src = root + "search-index.js";
    s.onload = function () {
      prepared = prepare(global.ROLEPACK_INDEX || []);
      loading = false;
      list.removeAttribute("aria-busy");
      show();
      var ls = links();
      if (queued && ls.length > 0) { window.location.href = ls[0].href; }
      queued = false;
    };
    s.onerror = function () { loading = false; queued = false; list.removeAttribute("aria-busy"); message(say("failed")); announce(say("failed")); };
    document.body.appendChild(s);
  }

  function message(text) {
    list.textContent = "";
    var li = document.createElement("li");
    li.className = "none";
    li.textContent = text;
    list.appendChild(li);
  }

  function show() {
    var q = input.value.trim();
    list.textContent = "";
    announce("");
    if (q.length < 2) { return; }
    if (!prepared) { message(say(queued ? "queued" : "loading")); loadIndex(); return; }
    var found = search(prepared, q, maxResults);
    announce(counted(found.length));
    if (found.length === 0) { message(say("none")); return; }
    found.forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + e.u;
      a.textContent = e.t;
      var small = document.createElement("small");
      small.textContent = kindName(e.k) + (e.s ? " · " + e.s : "");
      a.appendChild(small);
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

  if (input && list) {
    input.addEventListener("focus", loadIndex);
    input.addEventListener("input", show);
    input.addEventListener("keydown", function (ev) {
      var ls = links();
      if (ev.key === "Escape") { queued = false; input.value = ""; list.textContent = ""; announce(""); }
      if (ev.key === "Enter" && ls.length > 0) { ev.preventDefault(); window.location.href = ls[0].href; }
      if (ev.key === "Enter" && !prepared && input.value.trim().length >= 2) {
        ev.preventDefault();
        queued = true;
        show();
        announce(say("queued"));
      }
      if (ev.key === "ArrowDown" && ls.length > 0) { ev.preventDefault(); ls[0].focus(); }
    });
    list.addEventListener("keydown", function (ev) {
      var ls = links();
      var at = ls.indexOf(document.activeElement);
      if (ev.key === "ArrowDown" && at >= 0) { ev.preventDefault(); ls[Math.min(at + 1, ls.length - 1)].focus(); }
      if (ev.key === "ArrowUp" && at >= 0) { ev.preventDefault(); if (at === 0) { input.focus(); } else { ls[at - 1].focus(); } }
      if (ev.key === "Escape") { ev.preventDefault(); queued = false; input.value = ""; list.textContent = ""; announce(""); input.focus(); }
    });
  }

  var filters = document.querySelectorAll("input[data-filter]");
  Array.prototype.forEach.call(filters, function (f) {
    var table = document.getElementById(f.getAttribute("data-filter"));
    if (!table) { return; }
    f.addEventListener("input", function () {
      var q = fold(f.value.trim(), false);
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var text = row.textContent;
        row.hidden = q !== "" && fold(text, false).indexOf(q) === -1 && fold(text, true).indexOf(q) === -1;
      });
    });
  });
})(typeof window !== "undefined" ? window : this);
