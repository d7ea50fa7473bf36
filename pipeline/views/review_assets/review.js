/* pressfacts review page: draws one page of documents at a time from the JSON in #review-data.
   A mark is [start, end, type index, kind index, text, values, rule, period ("begin/end_date" of
   a date, or "")]; a segment is
   [start, end, [mark indices, outermost first]] (computed in Python, see review.segments).
   Text is only ever inserted with textContent, never as HTML. */
"use strict";
(function () {
  var data = JSON.parse(document.getElementById("review-data").textContent);
  var types = data.types, kinds = data.kinds, docs = data.documents;
  var state = { types: new Set(types), kinds: new Set(kinds), query: "", order: "input", period: null, page: 0 };
  var PERIOD = /^\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/;
  var PROBLEMS = ["wrong", "missed", "extra"];
  var list = document.getElementById("doc-list");
  var status = document.getElementById("page-status");
  var pageNumber = document.getElementById("page-number");
  var orderBox = document.getElementById("doc-order");
  if (kinds.length === 1) orderBox.querySelector('option[value="problems"]').remove();  // no gold, no problems

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function shown(mark) {
    return state.types.has(types[mark[2]]) && state.kinds.has(kinds[mark[3]]);
  }

  function filtersAll() {
    return state.types.size === types.length && state.kinds.size === kinds.length;
  }

  /* A date that lies within the period picked on the timeline. */
  function inPeriod(mark) {
    if (!mark[7]) return false;
    var days = mark[7].split("/"), period = state.period.split("/");
    return days[0] >= period[0] && days[1] <= period[1];
  }

  function listed(doc) {
    if (state.query && doc.id.toLowerCase().indexOf(state.query) < 0) return false;
    if (state.period && !doc.marks.some(function (m) { return shown(m) && inPeriod(m); })) return false;
    return filtersAll() || doc.marks.some(shown);
  }

  function problems(doc) {
    return doc.marks.filter(function (m) { return PROBLEMS.indexOf(kinds[m[3]]) >= 0; }).length;
  }

  function ordered(matching) {
    if (state.order === "input") return matching;
    var score = state.order === "problems" ? problems : function (doc) { return doc.marks.length; };
    return matching.map(function (doc, i) { return [score(doc), i, doc]; })
      .sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; })
      .map(function (entry) { return entry[2]; });
  }

  /* Clicking a mention in the list flashes its highlight in the text. */
  function flash(box, index) {
    var spans = Array.prototype.filter.call(box.querySelectorAll(".hl[data-marks]"), function (span) {
      return span.dataset.marks.split(" ").indexOf(String(index)) >= 0;
    });
    if (!spans.length) return;
    spans[0].scrollIntoView({ block: "center", behavior: "smooth" });
    spans.forEach(function (span) {
      span.classList.remove("flash");
      void span.offsetWidth;  // restart the animation
      span.classList.add("flash");
    });
  }

  function tooltip(mark) {
    var line = types[mark[2]] + " " + JSON.stringify(mark[4]) + "\n" + mark[5];
    if (kinds[mark[3]] !== "found") line = kinds[mark[3]].toUpperCase() + " " + line;
    return line + (mark[6] ? "\nrule " + mark[6] : "");
  }

  function drawText(doc) {
    var pre = el("pre", "text"), pos = 0;
    doc.segs.forEach(function (seg) {
      var visible = seg[2].filter(function (i) { return shown(doc.marks[i]); });
      if (seg[0] > pos) pre.appendChild(document.createTextNode(doc.text.slice(pos, seg[0])));
      var piece = doc.text.slice(seg[0], seg[1]);
      if (!visible.length) {
        pre.appendChild(document.createTextNode(piece));
      } else {
        var inner = doc.marks[visible[visible.length - 1]], outer = doc.marks[visible[0]];
        var span = el("span", "hl t-" + types[inner[2]] + " k-" + kinds[inner[3]], piece);
        if (visible.length > 1) span.className += " nested o-" + types[outer[2]];
        span.dataset.marks = visible.join(" ");
        span.title = visible.map(function (i) { return tooltip(doc.marks[i]); }).join("\n\n");
        pre.appendChild(span);
      }
      pos = seg[1];
    });
    pre.appendChild(document.createTextNode(doc.text.slice(pos)));
    return pre;
  }

  function drawMentions(doc) {
    var box = el("div", "mentions"), table = el("table"), head = el("tr");
    ["type", "text", "values", "rule"].forEach(function (h) { head.appendChild(el("th", "", h)); });
    table.appendChild(head);
    doc.marks.forEach(function (mark, index) {
      if (!shown(mark)) return;
      var row = el("tr", "t-" + types[mark[2]]);
      row.dataset.mark = index;
      var type = el("td", "", types[mark[2]]);
      type.prepend(el("span", "swatch"));
      if (kinds.length > 1) type.appendChild(el("div", "outcome k-" + kinds[mark[3]], kinds[mark[3]]));
      row.appendChild(type);
      row.appendChild(el("td", "", mark[4]));
      row.appendChild(el("td", "", mark[5]));
      row.appendChild(el("td", "", mark[6]));
      table.appendChild(row);
    });
    box.appendChild(table);
    return box;
  }

  function drawDocument(doc) {
    var box = el("article", "doc");
    box.dataset.docId = doc.id;
    box.appendChild(el("h3", "", doc.id));
    box.appendChild(el("div", "meta", [doc.date ? "date " + doc.date : "no date", doc.source].join(" · ")));
    var chips = el("div", "chips"), byType = {}, byKind = {};
    doc.marks.forEach(function (m) {
      byType[m[2]] = (byType[m[2]] || 0) + 1;
      byKind[m[3]] = (byKind[m[3]] || 0) + 1;
    });
    types.forEach(function (t, i) { if (byType[i]) chips.appendChild(el("span", "t-" + t, t + " " + byType[i])); });
    if (kinds.length > 1) {
      kinds.forEach(function (k, i) { if (byKind[i]) chips.appendChild(el("span", "kind-" + k, k + " " + byKind[i])); });
    }
    box.appendChild(chips);
    if (doc.note) box.appendChild(el("p", "note", doc.note));
    var body = el("div", "body");
    body.appendChild(doc.text === null ? el("p", "note", "(text not available: the rows alone are listed)") : drawText(doc));
    body.appendChild(drawMentions(doc));
    box.appendChild(body);
    box.addEventListener("click", function (event) {
      var row = event.target.closest("tr[data-mark]");
      if (row) flash(box, row.dataset.mark);
    });
    return box;
  }

  function render() {
    var matching = ordered(docs.filter(listed));
    var pages = Math.max(1, Math.ceil(matching.length / data.pageSize));
    state.page = Math.min(state.page, pages - 1);
    var first = state.page * data.pageSize;
    list.textContent = "";
    matching.slice(first, first + data.pageSize).forEach(function (doc) { list.appendChild(drawDocument(doc)); });
    if (!matching.length) list.appendChild(el("p", "note", "No document matches the filters."));
    status.textContent = "page " + (state.page + 1) + " of " + pages + " · " + matching.length + " of " + docs.length + " documents";
    document.getElementById("page-prev").disabled = state.page === 0;
    document.getElementById("page-next").disabled = state.page >= pages - 1;
    pageNumber.max = String(pages);
    pageNumber.value = String(state.page + 1);
    document.getElementById("period-filter").hidden = !state.period;
    document.getElementById("period-text").textContent = state.period ? state.period.replace("/", " to ") : "";
  }

  /* The filters live in the address too (#type=date,money&kind=missed&id=dev0), so a view can be
     bookmarked or opened directly. */
  function readHash() {
    var params = new URLSearchParams(window.location.hash.slice(1));
    if (params.has("type")) state.types = new Set(params.get("type").split(",").filter(function (t) { return types.indexOf(t) >= 0; }));
    if (params.has("kind")) state.kinds = new Set(params.get("kind").split(",").filter(function (k) { return kinds.indexOf(k) >= 0; }));
    state.query = (params.get("id") || "").toLowerCase();
    var order = params.get("order");
    state.order = Array.prototype.some.call(orderBox.options, function (o) { return o.value === order; }) ? order : "input";
    state.period = PERIOD.test(params.get("period") || "") ? params.get("period") : null;
    orderBox.value = state.order;
    document.querySelectorAll("input[data-filter]").forEach(function (box) {
      box.checked = (box.dataset.filter === "type" ? state.types : state.kinds).has(box.value);
    });
    document.getElementById("doc-query").value = state.query;
  }

  function writeHash() {
    var params = new URLSearchParams();
    if (state.types.size < types.length) params.set("type", Array.from(state.types).join(","));
    if (state.kinds.size < kinds.length) params.set("kind", Array.from(state.kinds).join(","));
    if (state.query) params.set("id", state.query);
    if (state.order !== "input") params.set("order", state.order);
    if (state.period) params.set("period", state.period);
    var hash = params.toString();
    history.replaceState(null, "", hash ? "#" + hash : window.location.pathname + window.location.search);
  }

  document.querySelectorAll("input[data-filter]").forEach(function (box) {
    box.addEventListener("change", function () {
      var set = box.dataset.filter === "type" ? state.types : state.kinds;
      if (box.checked) set.add(box.value); else set.delete(box.value);
      state.page = 0;
      writeHash();
      render();
    });
  });
  document.getElementById("doc-query").addEventListener("input", function (event) {
    state.query = event.target.value.trim().toLowerCase();
    state.page = 0;
    writeHash();
    render();
  });
  orderBox.addEventListener("change", function () {
    state.order = orderBox.value;
    state.page = 0;
    writeHash();
    render();
  });
  function pickPeriod(period) {
    state.period = period;
    state.page = 0;
    writeHash();
    render();
  }
  document.querySelectorAll("#charts rect[data-period]").forEach(function (bar) {
    bar.addEventListener("click", function () {
      pickPeriod(bar.dataset.period);
      document.getElementById("documents").scrollIntoView();
    });
  });
  document.getElementById("period-clear").addEventListener("click", function () { pickPeriod(null); });
  pageNumber.addEventListener("change", function () {
    var wanted = parseInt(pageNumber.value, 10);
    if (wanted >= 1) { state.page = wanted - 1; render(); }
  });
  window.addEventListener("hashchange", function () { readHash(); state.page = 0; render(); });
  document.getElementById("page-prev").addEventListener("click", function () { state.page -= 1; render(); window.scrollTo(0, list.offsetTop); });
  document.getElementById("page-next").addEventListener("click", function () { state.page += 1; render(); window.scrollTo(0, list.offsetTop); });

  /* Self-check for the browser test: the legend, the summary swatches and the highlights
     of each type must show the same colour. */
  function checkLegend() {
    var checked = [], mismatched = [];
    types.forEach(function (t) {
      var colours = [
        document.querySelector('#legend [data-type="' + t + '"] .hl'),
        document.querySelector('#summary tr[data-type="' + t + '"] .swatch'),
        list.querySelector(".hl.t-" + t + ":not(.k-missed)")
      ].filter(Boolean).map(function (node) { return getComputedStyle(node).backgroundColor; });
      if (colours.length === 3) checked.push(t);
      if (new Set(colours).size > 1) mismatched.push(t);
    });
    document.body.dataset.legendChecked = checked.join(" ");
    document.body.dataset.legendMismatch = mismatched.join(" ");
  }

  readHash();
  render();
  checkLegend();
  document.body.dataset.rendered = String(list.querySelectorAll(".hl").length);
  document.body.dataset.renderMs = String(Math.round(performance.now()));
})();
