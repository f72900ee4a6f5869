// The newsroom search page: plain DOM, no build step. Article text and highlights are hostile input:
// they only ever become text nodes (textContent), never markup.

const view = document.getElementById("view");
const status = document.getElementById("status");
const form = document.getElementById("search-form");
const KEY = "newsroom-api-key";
const FILTERS = ["entity", "topic", "source", "language", "story"];

/** An element with attributes and children; strings become text nodes. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#x27;": "'", "&#39;": "'", "&#x2F;": "/", "&#47;": "/" };

/** Elasticsearch's HTML-escaped highlight ("a <em>b</em> &amp; c") as text nodes and <mark>s. */
function highlighted(html) {
  const parts = String(html ?? "").split(/<\/?em>/);
  return parts.map((part, i) => {
    const text = part.replace(/&(?:amp|lt|gt|quot|#x27|#39|#x2F|#47);/g, (e) => ENTITIES[e])
      .replace(/&#(x?)([0-9a-fA-F]+);/g, (_, hex, n) => String.fromCodePoint(parseInt(n, hex ? 16 : 10)));
    return i % 2 === 1 ? h("mark", {}, text) : document.createTextNode(text);
  });
}

async function api(path, method = "GET", payload) {
  const headers = {};
  const key = sessionStorage.getItem(KEY);
  if (key) headers["Authorization"] = "Bearer " + key;
  if (payload !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body: payload === undefined ? undefined : JSON.stringify(payload) });
  if (response.status === 401 || response.status === 403) throw Object.assign(new Error("key"), { auth: response.status });
  if (response.status === 204) return null;
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || response.statusText);
  return body;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "";
}

function show(single, ...content) {
  view.className = single ? "single" : "";
  view.replaceChildren(...content);
}

function announce(text) {
  status.textContent = text;
}

function searchHash(params) {
  return "#/search?" + params.toString();
}

// ---- search ----

async function search(params) {
  form.q.value = params.get("q") ?? "";
  form.sort.value = params.get("sort") ?? "";
  const query = new URLSearchParams(params);
  query.set("size", "20");
  const result = await api("/v1/search?" + query.toString());
  const active = FILTERS.flatMap((name) => params.getAll(name).map((value) => [name, value]));
  const chips = active.map(([name, value]) => {
    const rest = new URLSearchParams(params);
    rest.delete("after");
    rest.delete(name);
    params.getAll(name).filter((v) => v !== value).forEach((v) => rest.append(name, v));
    return h("a", { class: "chip", href: searchHash(rest), "aria-label": `Remove filter ${name} ${label(result, name, value)}` },
      `${label(result, name, value)} ×`);
  });
  const list = h("ol", { class: "results", "aria-label": "Results" },
    result.hits.map((hit) => h("li", {},
      h("h3", {}, h("a", { href: "#/article/" + encodeURIComponent(hit.id) },
        hit.title_highlighted ? highlighted(hit.title_highlighted) : hit.title)),
      h("div", { class: "meta" }, [hit.source, when(hit.published_at ?? hit.ingested_at)].filter(Boolean).join(" · ")),
      copies(hit, params),
      hit.snippets.slice(0, 2).map((s) => h("p", { class: "snippet" }, highlighted(s))))));
  const more = result.next ? h("a", { class: "more", href: searchHash(withParam(params, "after", result.next)) }, "More results") : null;
  const watch = params.get("q") || active.some(([name]) => name !== "story" && name !== "language")
    ? h("button", { type: "button", id: "watch", onclick: () => watchSearch(params, result) }, "Alert me to new stories") : null;
  show(false, facets(result.facets, params),
    h("section", { "aria-labelledby": "results-title" },
      h("h2", { id: "results-title" }, `${result.total.toLocaleString()} articles`),
      chips.length ? h("div", { class: "filters" }, chips) : null, watch, list, more));
  announce(`${result.total} articles found`);
}

function withParam(params, name, value) {
  const next = new URLSearchParams(params);
  next.delete("after");
  if (name === "after") next.set(name, value);
  else if (!next.getAll(name).includes(value)) next.append(name, value);
  return next;
}

function label(result, name, value) {
  const f = result.facets ?? {};
  const found = name === "entity" ? f.entities?.find((e) => e.id === value)?.name
    : name === "topic" ? f.topics?.find((t) => t.qcode === value)?.name
    : name === "story" ? f.stories?.find((s) => s.id === value)?.title : null;
  return found ?? value;
}

const TYPES = { PERSON: "People", ORGANIZATION: "Organisations", LOCATION: "Places", MISC: "Other names" };

function facets(f, params) {
  const group = (title, items) => items.length ? [h("h2", {}, title), h("ul", {}, items)] : [];
  const item = (name, value, text, count) => h("li", {}, h("button", {
    type: "button", class: "facet", "data-facet": name, "data-value": value,
    onclick: () => { location.hash = searchHash(withParam(params, name, value)); },
  }, h("span", {}, text), h("span", { class: "count" }, count.toLocaleString())));
  const entities = Object.entries(TYPES).flatMap(([type, title]) =>
    group(title, (f.entities ?? []).filter((e) => e.type === type).map((e) => item("entity", e.id, e.name ?? e.id, e.count))));
  return h("aside", { "aria-label": "Refine" },
    entities,
    group("Topics", (f.topics ?? []).map((t) => item("topic", t.qcode, t.name ?? t.qcode, t.count))),
    group("Stories", (f.stories ?? []).map((s) => item("story", s.id, s.title ?? s.id, s.count))),
    group("Sources", (f.sources ?? []).map((s) => item("source", s.value, s.value, s.count))),
    group("Languages", (f.languages ?? []).map((s) => item("language", s.value, s.value, s.count))),
    group("Published", (f.dates ?? []).filter((d) => d.count > 0).map((d) => h("li", {}, h("a", {
      class: "facet", href: searchHash(withParam(withoutParam(params, "from"), "from", d.from)),
    }, h("span", {}, "Past " + d.period), h("span", { class: "count" }, d.count.toLocaleString()))))));
}

function withoutParam(params, name) {
  const next = new URLSearchParams(params);
  next.delete(name);
  return next;
}

// ---- alerts ----

/** "Also in 3 outlets: A, B, C", linking to every copy, when the hit stands for a group of copies. */
function copies(hit, params) {
  if (!hit.copies || hit.copies.count < 2) return null;
  const others = hit.copies.sources.filter((s) => s !== hit.source);
  const all = new URLSearchParams(params);
  all.delete("after");
  all.set("copies", "all");
  const text = others.length
    ? `Also in ${others.length} ${others.length === 1 ? "outlet" : "outlets"}: ${others.join(", ")}`
    : `${hit.copies.count} copies`;
  return h("div", { class: "meta copies" }, h("a", { href: searchHash(all) }, text));
}

/** Subscribes to this search: its words, entities, topics and sources (one alert per story, then batched updates). */
async function watchSearch(params, result) {
  const subscription = { entities: params.getAll("entity"), topics: params.getAll("topic"), sources: params.getAll("source") };
  if (params.get("q")) subscription.query = params.get("q");
  const names = [params.get("q"), ...FILTERS.flatMap((n) => params.getAll(n).map((v) => label(result, n, v)))].filter(Boolean);
  subscription.name = names.join(" + ").slice(0, 200);
  try {
    const alert = await api("/v1/alerts", "POST", subscription);
    announce(`Alert "${alert.name}" created`);
    location.hash = "#/alerts";
  } catch (error) {
    if (error.auth) keyForm();
    else announce("Could not create the alert: " + error.message);
  }
}

async function alerts() {
  const list = await api("/v1/alerts");
  show(true, h("h1", {}, "Alerts"),
    h("p", { class: "meta" }, "Each matching story raises one alert on news.alerts; its later articles come as batched updates."),
    list.alerts.length === 0 ? h("p", {}, "No alerts yet: search, then choose “Alert me to new stories”.") : null,
    h("ul", { class: "timeline alerts" }, list.alerts.map((a) => h("li", {},
      h("strong", {}, a.name), " ",
      h("span", { class: "meta" }, [a.query, ...a.entities, ...a.topics, ...a.sources].filter(Boolean).join(" · ")), " ",
      h("button", { type: "button", "aria-label": `Delete alert ${a.name}`, onclick: async () => {
        await api("/v1/alerts/" + encodeURIComponent(a.id), "DELETE");
        announce(`Alert "${a.name}" deleted`);
        route();
      } }, "Delete")))));
}

// ---- article, story, entity ----

async function article(id) {
  const a = await api("/v1/articles/" + encodeURIComponent(id));
  const related = await api("/v1/articles/" + encodeURIComponent(id) + "/related").catch(() => ({ related: [] }));
  show(true, h("article", {},
    h("h1", {}, a.title),
    h("p", { class: "meta" }, [a.source, a.byline, when(a.published_at ?? a.ingested_at)].filter(Boolean).join(" · ")),
    a.story_id ? h("p", {}, h("a", { href: "#/story/" + encodeURIComponent(a.story_id) }, "Story timeline")) : null,
    (a.body ?? "").split(/\n\s*\n/).map((p) => h("p", {}, p)),
    h("h2", {}, "Entities"),
    h("ul", { class: "tags entities" }, (a.entities ?? []).map((e) => h("li", {},
      h("a", { href: "#/entity/" + encodeURIComponent(e.id) + "?name=" + encodeURIComponent(e.name) }, e.name),
      " ", h("span", { class: "count" }, (TYPES[e.type] ?? e.type).toLowerCase())))),
    h("h2", {}, "Topics"),
    h("ul", { class: "tags topics" }, (a.topics ?? []).map((t) => h("li", {},
      h("a", { href: searchHash(new URLSearchParams({ topic: t.qcode })) }, t.name)))),
    related.related.length ? [h("h2", {}, "Related"), h("ul", { class: "timeline" }, related.related.map((r) => h("li", {},
      h("a", { href: "#/article/" + encodeURIComponent(r.article_id) }, r.title ?? r.article_id),
      " ", h("span", { class: "meta" }, r.source ?? ""))))] : null));
  document.title = a.title + " · Newsroom";
  announce("Article: " + a.title);
}

async function story(id) {
  const s = await api("/v1/stories/" + encodeURIComponent(id));
  show(true, h("h1", {}, s.title),
    h("p", { class: "meta" }, `${s.article_count} articles, oldest first`),
    h("ol", { class: "timeline story" }, s.articles.map((a) => h("li", {},
      h("span", { class: "meta" }, when(a.published_at ?? a.ingested_at)), " ",
      h("a", { href: "#/article/" + encodeURIComponent(a.id) }, a.title),
      a.source ? h("span", { class: "meta" }, " · " + a.source) : null))));
  announce("Story: " + s.title);
}

async function entity(id, name) {
  const result = await api("/v1/search?" + new URLSearchParams({ entity: id, sort: "recency", size: "20", facet: "none" }));
  show(true, h("h1", {}, name || id),
    h("p", { class: "meta" }, `${result.total.toLocaleString()} articles · `,
      h("a", { href: searchHash(new URLSearchParams({ entity: id })) }, "refine in search")),
    h("ol", { class: "results" }, result.hits.map((hit) => h("li", {},
      h("h3", {}, h("a", { href: "#/article/" + encodeURIComponent(hit.id) }, hit.title)),
      h("div", { class: "meta" }, [hit.source, when(hit.published_at ?? hit.ingested_at)].filter(Boolean).join(" · "))))));
  announce(`${name || id}: ${result.total} articles`);
}

function keyForm() {
  const input = h("input", { id: "api-key", type: "password", autocomplete: "off", required: true });
  show(true, h("form", {
    onsubmit: (event) => {
      event.preventDefault();
      sessionStorage.setItem(KEY, input.value.trim());
      route();
    },
  }, h("h1", {}, "API key needed"),
    h("p", {}, "This newsroom's search needs an API key with the search scope. It is kept in this tab only."),
    h("label", { for: "api-key" }, "API key "), input, " ", h("button", { type: "submit" }, "Use key")));
  input.focus();
}

// ---- routing ----

async function route() {
  const [path, query = ""] = location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(query);
  const [, page, id] = path.split("/");
  document.title = "Newsroom search";
  try {
    if (page === "article" && id) await article(decodeURIComponent(id));
    else if (page === "story" && id) await story(decodeURIComponent(id));
    else if (page === "entity" && id) await entity(decodeURIComponent(id), params.get("name"));
    else if (page === "search") await search(params);
    else if (page === "alerts") await alerts();
    else return;
    view.focus();
  } catch (error) {
    if (error.auth) keyForm();
    else show(true, h("p", { class: "error", role: "alert" }, "Search failed: " + error.message));
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const params = new URLSearchParams();
  const [, query = ""] = location.hash.split("?");
  const current = new URLSearchParams(query);
  if (location.hash.startsWith("#/search")) FILTERS.forEach((name) => current.getAll(name).forEach((v) => params.append(name, v)));
  if (form.q.value.trim()) params.set("q", form.q.value.trim());
  if (form.sort.value) params.set("sort", form.sort.value);
  location.hash = searchHash(params);
});
window.addEventListener("hashchange", route);
route();
