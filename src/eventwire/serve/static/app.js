/* eventwire dashboard: plain JavaScript over the JSON API (/api/...).
 *
 * Every piece of article or store text reaches the page through text nodes (el() below),
 * never as markup, so a "<script>" inside an article is shown as text and never runs; the
 * server's content security policy forbids inline scripts besides.
 * Pages are hash routes: #/, #/search, #/timeline, #/actor/NAME, #/network, #/event/ID,
 * #/article/DOC_ID, #/documents.
 */
"use strict";

const QUAD = {
  1: { name: "verbal cooperation", color: "#2f855a" },
  2: { name: "material cooperation", color: "#2b6cb0" },
  3: { name: "verbal conflict", color: "#dd6b20" },
  4: { name: "material conflict", color: "#c53030" },
};
const YEAR_ONLY = " (year only)";
const UNDATED = "undated";
// Charts of the page on show, for the browser tests and for cleaning up on navigation.
window.eventwire = { charts: {}, ready: false };

// -- small helpers ----------------------------------------------------------------------

/** An element with attributes and children; strings become text nodes (never markup). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "on") for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
    else if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function text(value) {
  return value === null || value === undefined ? "" : String(value);
}

function link(href, label) {
  return el("a", { href }, label);
}

function actorLink(name) {
  return name ? link("#/actor/" + encodeURIComponent(name), name) : el("span", { class: "muted" }, "(none)");
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(key, value);
  }
  return search.toString();
}

async function api(path, params) {
  const qs = params ? query(params) : "";
  const response = await fetch("/api/" + path + (qs ? "?" + qs : ""), {
    headers: { accept: "application/json" },
  });
  let body = null;
  try {
    body = await response.json();
  } catch (err) {
    throw new Error(`${response.status} ${response.statusText}`);
  }
  if (!response.ok) throw new Error(body && body.detail ? body.detail : response.statusText);
  return body;
}

function page(...children) {
  for (const chart of Object.values(window.eventwire.charts)) {
    if (chart && chart.destroy) chart.destroy();
  }
  window.eventwire.charts = {};
  const main = document.getElementById("page");
  main.replaceChildren(...children);
  return main;
}

function table(columns, rows, onClick) {
  const head = el("tr", {}, columns.map((c) => el("th", {}, c.label)));
  const body = rows.map((row) =>
    el("tr", onClick ? { class: "clickable", on: { click: () => onClick(row) } } : {},
      columns.map((c) => el("td", {}, c.render ? c.render(row) : text(row[c.key])))));
  return el("table", {}, el("thead", {}, head), el("tbody", {}, body));
}

function quadCell(row) {
  const quad = QUAD[row.quad_class];
  return el("span", { class: "quad-" + row.quad_class }, quad ? quad.name : text(row.quad_class));
}

function flags(row) {
  return el("span", {},
    ["negated", "hedged", "hypothetical"].map((name) =>
      el("span", { class: "flag" + (row[name] ? " on" : "") }, (row[name] ? "" : "not ") + name)));
}

function eventColumns() {
  return [
    { label: "date", render: (r) => link("#/event/" + r.event_id, text(r.date) || UNDATED) },
    { label: "source", render: (r) => actorLink(r.source) },
    { label: "event", render: (r) => `${text(r.cameo)} ${text(r.plover)}` },
    { label: "target", render: (r) => actorLink(r.target) },
    { label: "class", render: quadCell },
    { label: "Goldstein", key: "goldstein" },
    { label: "evidence", render: (r) => el("div", { class: "evidence" }, text(r.sentence)) },
  ];
}

function failed(err) {
  return el("p", { class: "error" }, "Could not load: " + err.message);
}

function done() {
  window.eventwire.ready = true;
  document.body.dataset.ready = "1";
}

function notReady() {
  window.eventwire.ready = false;
  delete document.body.dataset.ready;
}

// -- pages ------------------------------------------------------------------------------

async function home() {
  const stats = await api("stats");
  const docs = await api("documents", { limit: 10 });
  page(
    el("h1", {}, "eventwire corpus"),
    el("p", {}, `${stats.documents} articles, ${stats.actors} actors, ${stats.events} events ` +
      `(${stats.mentions} reports), ${stats.quotes} statements.`),
    el("div", { class: "card" },
      el("h2", {}, "Who does what to whom"),
      dyadForm({}),
      el("p", {}, link("#/network", "The network of actors"), " · ",
        link("#/documents", "All articles"))),
    el("h2", {}, "Latest articles"),
    documentTable(docs.items),
  );
}

function documentTable(rows) {
  return table([
    { label: "published", key: "published" },
    { label: "title", render: (r) => link("#/article/" + encodeURIComponent(r.doc_id), text(r.title) || r.doc) },
    { label: "publisher", key: "publisher" },
    { label: "events", key: "events" },
    { label: "quotes", key: "quotes" },
  ], rows);
}

async function documentsPage(params) {
  const offset = Number(params.get("offset") || 0);
  const docs = await api("documents", { limit: 50, offset });
  page(
    el("h1", {}, "Articles"),
    documentTable(docs.items),
    el("p", { class: "pager" },
      offset > 0 ? link("#/documents?offset=" + Math.max(0, offset - 50), "« newer") : "", " ",
      docs.next ? link("#/documents?offset=" + (offset + 50), "older »") : ""),
  );
}

async function searchPage(params) {
  const q = params.get("q") || "";
  document.getElementById("search-box").value = q;
  if (!q) {
    page(el("h1", {}, "Search"), el("p", {}, "Type words in the search box."));
    return;
  }
  const found = await api("search", { q, limit: 20 });
  page(
    el("h1", {}, "Search: ", q),
    el("h2", {}, `Articles (${found.documents.length})`),
    found.documents.length ? documentTable(found.documents) : el("p", { class: "muted" }, "None."),
    el("h2", {}, `Actors (${found.actors.length})`),
    found.actors.length ? table([
      { label: "name", render: (r) => actorLink(r.name) },
      { label: "type", key: "type" }, { label: "code", key: "code" },
      { label: "articles", key: "n_docs" },
      { label: "aliases", render: (r) => (r.aliases || []).join(", ") },
    ], found.actors) : el("p", { class: "muted" }, "None."),
    el("h2", {}, `Quotes (${found.quotes.length})`),
    found.quotes.length ? quoteTable(found.quotes) : el("p", { class: "muted" }, "None."),
  );
}

function quoteTable(rows) {
  return table([
    { label: "published", key: "published" },
    { label: "speaker", render: (r) => actorLink(r.speaker) },
    { label: "quote", render: (r) => el("div", { class: "evidence" }, text(r.text)) },
    { label: "via", render: (r) => (r.via || []).join(", ") },
    { label: "article", key: "doc" },
  ], rows);
}

function dyadForm(values) {
  const source = el("input", { name: "source", value: values.source || "", required: true, maxlength: 200 });
  const target = el("input", { name: "target", value: values.target || "", required: true, maxlength: 200 });
  return el("form", {
    class: "filters", id: "dyad-form",
    on: { submit: (ev) => {
      ev.preventDefault();
      go("#/timeline?" + query({ source: source.value.trim(), target: target.value.trim() }));
    } },
  },
  el("label", {}, "Actor A", source), el("label", {}, "Actor B", target),
  el("button", { type: "submit" }, "Show timeline"));
}

async function timelinePage(params) {
  const source = params.get("source") || "";
  const target = params.get("target") || "";
  if (!source || !target) {
    page(el("h1", {}, "Dyad timeline"), dyadForm({ source, target }),
      el("p", { class: "muted" }, "Two actors, by name or alias (e.g. Putin and Musk)."));
    return;
  }
  const data = await api("timeline", { source, target });
  const rows = {};
  const add = (list, key) => {
    for (const row of list) (rows[row.month] = rows[row.month] || { month: row.month })[key] = row;
  };
  add(data.forward, "ab");
  add(data.backward, "ba");
  const all = Object.values(rows);
  const months = all.filter((r) => /^\d{4}-\d{2}$/.test(r.month)).sort((a, b) => (a.month < b.month ? -1 : 1));
  const apart = all.filter((r) => !/^\d{4}-\d{2}$/.test(r.month))
    .sort((a, b) => (a.month === UNDATED) - (b.month === UNDATED) || (a.month < b.month ? -1 : 1));
  const eventsBox = el("div", { id: "period-events" });
  const notes = [];
  if (!data.source_known) notes.push(`No actor called "${source}".`);
  if (!data.target_known) notes.push(`No actor called "${target}".`);
  const canvas = el("canvas", { id: "timeline-chart", "aria-label": "Monthly events between the two actors" });
  const summary = (row, key) => row[key] ? `${row[key].events} (${row[key].cooperation} coop., ${row[key].conflict} confl., Goldstein ${text(row[key].mean_goldstein)})` : "0";
  page(
    el("h1", {}, "Dyad timeline: ", actorLink(source), " ⇄ ", actorLink(target)),
    dyadForm({ source, target }),
    notes.length ? el("p", { class: "error" }, notes.join(" ")) : "",
    el("p", { class: "muted" }, "Events per month, A → B above the axis and B → A below it; " +
      "cooperation and conflict stacked, mean Goldstein as lines. Click a month for its events."),
    months.length ? el("div", { class: "chart-box" }, canvas) : el("p", { class: "muted", id: "no-months" }, "No event dated to a month."),
    el("h2", {}, "Every period"),
    table([
      { label: "period", key: "month" },
      { label: `${source} → ${target}`, render: (r) => summary(r, "ab") },
      { label: `${target} → ${source}`, render: (r) => summary(r, "ba") },
    ], [...months, ...apart], (row) => showPeriod(source, target, row.month, eventsBox)),
    apart.length ? el("p", { class: "muted" }, "Year-only and undated events are counted apart: " +
      "they belong to no month.") : "",
    eventsBox,
  );
  if (months.length) drawTimeline(canvas, months, source, target, eventsBox);
  const period = params.get("period");
  if (period) await showPeriod(source, target, period, eventsBox);
}

function drawTimeline(canvas, months, source, target, eventsBox) {
  const value = (row, key, field, sign) => (row[key] ? sign * row[key][field] : 0);
  const labels = months.map((r) => r.month);
  const bar = (label, key, field, sign, color) => ({
    type: "bar", label, stack: key, backgroundColor: color, maxBarThickness: 48,
    data: months.map((r) => value(r, key, field, sign)),
  });
  const goldstein = (label, key, color) => ({
    type: "line", label, yAxisID: "goldstein", borderColor: color, backgroundColor: color,
    spanGaps: true, data: months.map((r) => (r[key] ? r[key].mean_goldstein : null)),
  });
  const chart = new Chart(canvas, {
    data: {
      labels,
      datasets: [
        bar(`${source} → ${target}: cooperation`, "ab", "cooperation", 1, "#2f855a"),
        bar(`${source} → ${target}: conflict`, "ab", "conflict", 1, "#c53030"),
        bar(`${target} → ${source}: cooperation`, "ba", "cooperation", -1, "#9ae6b4"),
        bar(`${target} → ${source}: conflict`, "ba", "conflict", -1, "#feb2b2"),
        goldstein(`${source} → ${target}: mean Goldstein`, "ab", "#1a202c"),
        goldstein(`${target} → ${source}: mean Goldstein`, "ba", "#718096"),
      ],
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        x: { stacked: true },
        y: { stacked: true, title: { display: true, text: "events (B → A below 0)" },
          ticks: { callback: (v) => Math.abs(v), precision: 0 } },
        goldstein: { position: "right", min: -10, max: 10, grid: { drawOnChartArea: false },
          title: { display: true, text: "mean Goldstein" } },
      },
      plugins: { tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${Math.abs(ctx.raw ?? 0)}` } } },
      onClick: (event, elements, chartRef) => {
        const hits = chartRef.getElementsAtEventForMode(event, "index", { intersect: false }, true);
        if (hits.length) showPeriod(source, target, labels[hits[0].index], eventsBox);
      },
    },
  });
  window.eventwire.charts.timeline = chart;
}

async function showPeriod(source, target, period, box) {
  box.replaceChildren(el("p", { class: "muted" }, "Loading ", period, "…"));
  try {
    const [ab, ba] = await Promise.all([
      api("timeline/events", { source, target, period, limit: 200 }),
      api("timeline/events", { source: target, target: source, period, limit: 200 }),
    ]);
    const rows = [...ab.items, ...ba.items];
    box.replaceChildren(
      el("h2", { id: "period-title" }, `Events of ${period} (${rows.length})`),
      rows.length ? table(eventColumns(), rows) : el("p", { class: "muted" }, "None."),
    );
    box.dataset.period = period;
  } catch (err) {
    box.replaceChildren(failed(err));
  }
}

async function actorPage(name) {
  let profile;
  try {
    profile = await api("actors/" + encodeURIComponent(name));
  } catch (err) {
    page(el("h1", {}, name), failed(err));
    return;
  }
  const canvas = el("canvas", { id: "activity-chart", "aria-label": "Events and statements per month" });
  const kb = profile.kb;
  page(
    el("h1", {}, profile.name),
    el("div", { class: "grid" },
      el("div", { class: "card" },
        el("dl", { class: "facts" },
          el("dt", {}, "type"), el("dd", {}, text(profile.type)),
          el("dt", {}, "code"), el("dd", {}, text(profile.code)),
          el("dt", {}, "country"), el("dd", {}, text(profile.country)),
          el("dt", {}, "articles"), el("dd", {}, text(profile.n_docs)),
          el("dt", {}, "events"), el("dd", {}, text(profile.events)),
          el("dt", {}, "aliases"), el("dd", {}, (profile.aliases || []).join(", ")),
          el("dt", {}, "id"), el("dd", {}, text(profile.actor_id)))),
      el("div", { class: "card" },
        el("h2", {}, "Codes seen"),
        table([{ label: "code", key: "code" }, { label: "first seen", key: "first_seen" },
          { label: "last seen", key: "last_seen" }, { label: "articles", key: "n_docs" },
          { label: "from", key: "origin" }], profile.codes))),
    el("div", { class: "card", id: "kb-entry" },
      el("h2", {}, "Knowledge-base entry"),
      kb ? el("div", {},
        el("p", {}, `${kb.id}: ${kb.name} (${kb.kind}), ${text(kb.code)}; source ${kb.source}`),
        table([{ label: "role", key: "code" }, { label: "from", key: "from" },
          { label: "until", key: "until" }, { label: "source", key: "source" }], kb.roles))
        : el("p", { class: "muted" }, "Not in the actor knowledge base.")),
    el("h2", {}, "Over time"),
    profile.activity.length ? el("div", { class: "chart-box" }, canvas) : el("p", { class: "muted" }, "No dated activity."),
    el("h2", {}, "Top counterparts"),
    table([
      { label: "actor", render: (r) => actorLink(r.name) },
      { label: "events", key: "events" }, { label: "as source", key: "as_source" },
      { label: "as target", key: "as_target" }, { label: "mean Goldstein", key: "mean_goldstein" },
      { label: "", render: (r) => link("#/timeline?" + query({ source: profile.name, target: r.name }), "timeline") },
    ], profile.counterparts),
    el("h2", {}, "Latest events"),
    table(eventColumns(), profile.latest_events),
    el("h2", {}, "Latest statements"),
    quoteTable(profile.latest_quotes),
  );
  if (profile.activity.length) {
    const rows = profile.activity;
    window.eventwire.charts.activity = new Chart(canvas, {
      data: {
        labels: rows.map((r) => r.month),
        datasets: [
          { type: "bar", label: "events as source", stack: "e", maxBarThickness: 48, backgroundColor: "#2b6cb0", data: rows.map((r) => r.as_source) },
          { type: "bar", label: "events as target", stack: "e", maxBarThickness: 48, backgroundColor: "#90cdf4", data: rows.map((r) => r.as_target) },
          { type: "bar", label: "statements", stack: "q", maxBarThickness: 48, backgroundColor: "#d69e2e", data: rows.map((r) => r.quotes) },
        ],
      },
      options: { maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, ticks: { precision: 0 } } } },
    });
  }
}

async function networkPage(params) {
  const filters = {
    since: params.get("since") || "", until: params.get("until") || "",
    type: params.get("type") || "", quad_class: params.get("quad_class") || "",
    actor: params.get("actor") || "",
  };
  const inputs = {
    since: el("input", { name: "since", value: filters.since, placeholder: "YYYY[-MM[-DD]]", maxlength: 10, size: 11 }),
    until: el("input", { name: "until", value: filters.until, placeholder: "YYYY[-MM[-DD]]", maxlength: 10, size: 11 }),
    type: el("input", { name: "type", value: filters.type, placeholder: "04 or CONSULT", maxlength: 20, size: 12 }),
    actor: el("input", { name: "actor", value: filters.actor, maxlength: 200, size: 16 }),
    quad_class: el("select", { name: "quad_class" },
      el("option", { value: "" }, "any"),
      Object.entries(QUAD).map(([k, q]) => el("option", { value: k, selected: filters.quad_class === k }, q.name))),
  };
  const form = el("form", {
    class: "filters", id: "network-filters",
    on: { submit: (ev) => {
      ev.preventDefault();
      const values = Object.fromEntries(Object.entries(inputs).map(([k, input]) => [k, input.value.trim()]));
      go("#/network?" + query(values));
    } },
  },
  el("label", {}, "since", inputs.since), el("label", {}, "until", inputs.until),
  el("label", {}, "event type", inputs.type), el("label", {}, "class", inputs.quad_class),
  el("label", {}, "involving", inputs.actor), el("button", { type: "submit" }, "Apply"));
  let data;
  try {
    data = await api("network", { ...filters, limit: 300 });
  } catch (err) {
    page(el("h1", {}, "Network"), form, failed(err));
    return;
  }
  const graph = el("div", { id: "network-graph", "aria-label": "Actors and the events between them" });
  const names = Object.fromEntries(data.nodes.map((n) => [n.id, n.name]));
  page(
    el("h1", {}, "Network"),
    form,
    el("p", { class: "legend" },
      Object.values(QUAD).map((q) => el("span", {}, el("i", { class: "swatch", style: `background:${q.color}` }), q.name)),
      el("span", { class: "muted", id: "network-count" }, `${data.nodes.length} actors, ${data.edges.length} links`)),
    graph,
    el("h2", {}, "Links"),
    table([
      { label: "source", render: (r) => actorLink(names[r.source]) },
      { label: "target", render: (r) => actorLink(names[r.target]) },
      { label: "class", render: quadCell },
      { label: "events", key: "events" }, { label: "mean Goldstein", key: "mean_goldstein" },
      { label: "", render: (r) => link("#/timeline?" + query({ source: names[r.source], target: names[r.target] }), "timeline") },
    ], data.edges),
  );
  const most = Math.max(1, ...data.edges.map((e) => e.events));
  const cy = cytoscape({
    container: graph,
    elements: [
      ...data.nodes.map((n) => ({ data: { id: n.id, label: n.name } })),
      ...data.edges.map((e, i) => ({
        data: { id: "e" + i, source: e.source, target: e.target, events: e.events,
          color: QUAD[e.quad_class] ? QUAD[e.quad_class].color : "#999",
          width: 1 + 7 * (e.events / most) },
      })),
    ],
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 11, width: 14, height: 14,
        "background-color": "#4a5568", "text-valign": "top", color: "#1a202c" } },
      { selector: "edge", style: { width: "data(width)", "line-color": "data(color)",
        "target-arrow-color": "data(color)", "target-arrow-shape": "triangle",
        "curve-style": "bezier", opacity: 0.8 } },
    ],
    layout: { name: data.nodes.length > 150 ? "circle" : "cose", animate: false, randomize: false },
  });
  cy.on("tap", "node", (ev) => { go("#/actor/" + encodeURIComponent(ev.target.data("label"))); });
  window.eventwire.charts.network = cy;
}

async function eventPage(id) {
  let event;
  try {
    event = await api("events/" + encodeURIComponent(id));
  } catch (err) {
    page(el("h1", {}, "Event " + id), failed(err));
    return;
  }
  const first = event.mentions[0];
  const article = first ? await api("documents/" + encodeURIComponent(first.doc_id)) : null;
  const place = event.place;
  page(
    el("h1", {}, actorLink(event.source), ` ${text(event.cameo)} ${text(event.plover)} `, actorLink(event.target)),
    el("div", { class: "card" },
      el("dl", { class: "facts" },
        el("dt", {}, "class"), el("dd", {}, quadCell(event)),
        el("dt", {}, "CAMEO / PLOVER"), el("dd", {}, `${text(event.cameo)} / ${text(event.plover)} ${text(event.mode)} ${text(event.context)}`),
        el("dt", {}, "Goldstein"), el("dd", {}, text(event.goldstein)),
        el("dt", {}, "flags"), el("dd", { id: "event-flags" }, flags(event)),
        el("dt", {}, "date"), el("dd", {}, `${text(event.date) || UNDATED} (basis: ${text(event.date_basis)})`),
        el("dt", {}, "confidence"), el("dd", {}, text(event.confidence)),
        el("dt", {}, "place"), el("dd", {}, place ? `${text(place.name)} (${text(place.resolved)}, ${text(place.country)})` : "none"),
        el("dt", {}, "reports"), el("dd", {}, `${event.num_mentions} mentions, ${event.num_sources} sources, ${event.num_articles} articles`))),
    el("h2", {}, "Every report of it"),
    table([
      { label: "published", key: "published" },
      { label: "article", render: (r) => link("#/article/" + encodeURIComponent(r.doc_id), text(r.title) || r.doc) },
      { label: "publisher", key: "publisher" },
      { label: "sentence", render: (r) => el("div", { class: "evidence" }, text(r.sentence)) },
      { label: "flags", render: flags },
      { label: "confidence", key: "confidence" },
    ], event.mentions),
    el("h2", {}, "In the article"),
    article ? el("p", {}, link("#/article/" + encodeURIComponent(article.doc_id), text(article.title) || article.doc)) : "",
    article ? annotatedText(article, { sentence: [first.sentence_start, first.sentence_end],
      trigger: [first.trigger_start, first.trigger_end] }) : el("p", { class: "muted" }, "No report."),
  );
}

async function articlePage(docId) {
  let article;
  try {
    article = await api("documents/" + encodeURIComponent(docId));
  } catch (err) {
    page(el("h1", {}, docId), failed(err));
    return;
  }
  page(
    el("h1", { id: "article-title" }, text(article.title) || article.doc),
    el("p", { class: "muted" }, [text(article.publisher), text(article.published), text(article.author)].filter(Boolean).join(" · "),
      article.url ? [" · ", el("span", {}, text(article.url))] : ""),
    el("p", { class: "legend" },
      el("span", { class: "ann-actor" }, "actor"), " ", el("span", { class: "ann-quote" }, "quote"), " ",
      el("span", { class: "ann-speaker" }, "speaker"), " ", el("span", { class: "ann-cue" }, "cue"), " ",
      el("span", { class: "ann-trigger" }, "event trigger")),
    annotatedText(article, {}),
    el("div", { class: "grid" },
      el("div", {}, el("h2", {}, `Events (${article.events.length})`),
        table([
          { label: "source", render: (r) => actorLink(r.source) },
          { label: "event", render: (r) => (r.event_id !== null ? link("#/event/" + r.event_id, `${text(r.cameo)} ${text(r.plover)}`) : text(r.cameo)) },
          { label: "target", render: (r) => actorLink(r.target) },
          { label: "trigger", key: "trigger" }, { label: "date", key: "date" },
        ], article.events)),
      el("div", {}, el("h2", {}, `Quotes (${article.quotes.length})`),
        table([
          { label: "speaker", render: (r) => actorLink(r.speaker) },
          { label: "via", render: (r) => (r.via || []).join(", ") },
          { label: "quote", render: (r) => el("div", { class: "evidence" }, text(r.text)) },
        ], article.quotes))),
  );
}

/** The article's text with its annotations as nested spans, built from text nodes only. */
function annotatedText(article, focus) {
  const body = article.text || "";
  const spans = [];
  for (const actor of article.actors) {
    for (const m of actor.mentions || []) spans.push({ start: m.start, end: m.end, kind: "actor", title: `${actor.name} ${text(actor.code)}`, actor: actor.name });
  }
  for (const q of article.quotes) {
    spans.push({ start: q.start, end: q.end, kind: "quote", title: `quote of ${text(q.speaker)}${q.via && q.via.length ? " via " + q.via.join(", ") : ""}` });
    if (q.speaker_start !== null && q.speaker_start !== undefined) spans.push({ start: q.speaker_start, end: q.speaker_end, kind: "speaker", title: `speaker: ${text(q.speaker)}` });
    if (q.cue_start !== null && q.cue_start !== undefined) spans.push({ start: q.cue_start, end: q.cue_end, kind: "cue", title: `cue: ${text(q.cue)}` });
  }
  for (const e of article.events) {
    spans.push({ start: e.trigger_start, end: e.trigger_end, kind: "trigger", title: `${text(e.source)} ${e.cameo} ${text(e.target)}`, event: e.event_id });
  }
  if (focus.sentence) spans.push({ start: focus.sentence[0], end: focus.sentence[1], kind: "sentence", title: "the event's sentence" });
  const valid = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.end <= body.length);
  const cuts = new Set([0, body.length]);
  for (const s of valid) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const container = el("div", { class: "article-text", id: "article-text" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = body.slice(from, to);
    const covering = valid.filter((s) => s.start <= from && to <= s.end);
    if (!covering.length) { container.append(document.createTextNode(piece)); continue; }
    const node = el("span", {
      class: covering.map((s) => "ann-" + s.kind).join(" "),
      title: covering.map((s) => s.title).join("; "),
    }, piece);
    const trigger = covering.find((s) => s.kind === "trigger" && s.event !== null && s.event !== undefined);
    const actor = covering.find((s) => s.kind === "actor");
    if (trigger) node.addEventListener("click", () => { go("#/event/" + trigger.event); });
    else if (actor) node.addEventListener("click", () => { go("#/actor/" + encodeURIComponent(actor.actor)); });
    container.append(node);
  }
  return container;
}

// -- routing ----------------------------------------------------------------------------

// Go to another page. It is not ready until it is drawn: the flag drops now, not when the
// browser gets round to the hashchange event, so whoever waits on it never sees the old page's.
function go(hash) {
  const before = location.hash;
  notReady();
  location.hash = hash;
  if (location.hash === before) done(); // the same page: no hashchange, nothing to redraw
}

async function route() {
  notReady();
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, search] = hash.split("?");
  const params = new URLSearchParams(search || "");
  const [section, ...rest] = path.split("/");
  const arg = decodeURIComponent(rest.join("/"));
  try {
    if (section === "search") await searchPage(params);
    else if (section === "timeline") await timelinePage(params);
    else if (section === "actor") await actorPage(arg);
    else if (section === "network") await networkPage(params);
    else if (section === "event") await eventPage(arg);
    else if (section === "article") await articlePage(arg);
    else if (section === "documents") await documentsPage(params);
    else await home();
  } catch (err) {
    page(failed(err));
  }
  done();
}

document.getElementById("search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const q = document.getElementById("search-box").value.trim();
  if (q) go("#/search?" + query({ q }));
});
window.addEventListener("hashchange", route);
route();
