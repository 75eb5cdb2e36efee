// Chronicle's timeline page: a client of the public API (/api/v1/) and nothing else.
// Hand-written, no build step: the page's filters live in its URL, under the API's own parameter names.
"use strict";

(function () {
  const body = document.body;
  const API = body.dataset.api;
  const SCHEMA = body.dataset.schema;
  const FILTERS = ["q", "actor", "venue", "type", "kind", "topic", "date_after", "date_before"];
  // Passed through from the page's URL to the API unchanged, so that a shared link keeps them too.
  const PASSED_THROUGH = ["page_size", "ordering", "precision", "dated", "status", "country"];
  const DAY_MS = 86400000;
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  const $ = (id) => document.getElementById(id);
  const form = $("filters");
  const datedList = $("dated-entries");
  const undatedList = $("undated-entries");
  const axis = $("axis");
  const loadMore = $("load-more");
  const statusLine = $("status");
  const problemBox = $("problem");

  let entries = [];
  let nextUrl = null;
  let generation = 0; // a newer filter wins over an older request still in flight
  const sources = new Map();

  // --- Small helpers ------------------------------------------------------------------------

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === "") continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function humanize(value) {
    const words = String(value).replaceAll("_", " ");
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  // Names compare without case or accents: "zelenskyy" finds "Zelenskyy", "sao" finds "São".
  function fold(text) {
    return String(text).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().trim();
  }

  function parseDay(iso) {
    return iso ? Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) : null;
  }

  const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  const tickFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

  function formatDay(iso) {
    return dayFormat.format(new Date(parseDay(iso)));
  }

  async function getJSON(url, headers) {
    const response = await fetch(url, { headers: { Accept: "application/json", ...(headers || {}) } });
    const type = response.headers.get("Content-Type") || "";
    const payload = type.includes("json") ? await response.json() : null;
    if (!response.ok) {
      const error = new Error((payload && (payload.detail || payload.title)) || `HTTP ${response.status}`);
      error.problem = payload;
      error.status = response.status;
      throw error;
    }
    return payload;
  }

  async function getAllPages(url) {
    const results = [];
    while (url) {
      const page = await getJSON(url);
      results.push(...page.results);
      url = page.next;
    }
    return results;
  }

  // --- The URL is the state -----------------------------------------------------------------

  function pageParams() {
    return new URLSearchParams(window.location.search);
  }

  function apiQuery(params) {
    const query = new URLSearchParams();
    for (const name of [...FILTERS, ...PASSED_THROUGH]) {
      for (const value of params.getAll(name)) if (value !== "") query.append(name, value);
    }
    return query;
  }

  // --- Vocabularies for the filters -----------------------------------------------------------

  const names = {
    actor: { list: "actors/", datalist: $("actor-names"), input: $("f-actor"), error: $("f-actor-error"), noun: "actor" },
    venue: { list: "venues/", datalist: $("venue-names"), input: $("f-venue"), error: $("f-venue-error"), noun: "venue" },
  };

  // Every record's name and aliases, for the name search.
  function nameKeys(record) {
    return [record.name, ...(record.aliases || [])].map(fold);
  }

  async function searchNames(kind, text) {
    const spec = names[kind];
    if (spec.serverSearch !== false) {
      try {
        const page = await getJSON(`${API}${spec.list}?${new URLSearchParams({ q: text, page_size: "20" })}`);
        spec.serverSearch = true;
        return page.results;
      } catch (error) {
        if (error.status !== 400) throw error;
        spec.serverSearch = false; // this API has no name search here: search a full list instead
      }
    }
    if (!spec.all) spec.all = getAllPages(`${API}${spec.list}?page_size=200`);
    const wanted = fold(text);
    return (await spec.all).filter((record) => nameKeys(record).some((key) => key.includes(wanted)));
  }

  function offerNames(kind, records) {
    const spec = names[kind];
    spec.offered = records;
    spec.datalist.replaceChildren(...records.slice(0, 20).map((record) => el("option", { value: record.name })));
  }

  function watchNameField(kind) {
    const spec = names[kind];
    let timer = null;
    spec.input.addEventListener("input", () => {
      clearError(kind);
      clearTimeout(timer);
      const text = spec.input.value.trim();
      if (!text) return offerNames(kind, []);
      timer = setTimeout(() => searchNames(kind, text).then((records) => offerNames(kind, records)).catch(() => {}), 200);
    });
  }

  async function slugForName(kind, text) {
    const wanted = fold(text);
    const spec = names[kind];
    const exact = (records) => records.find((record) => nameKeys(record).includes(wanted) || record.slug === text);
    const found = exact(spec.offered || []) || exact(await searchNames(kind, text));
    if (found) return found.slug;
    const candidates = await searchNames(kind, text);
    return candidates.length === 1 ? candidates[0].slug : null;
  }

  function showError(kind, message) {
    const spec = names[kind];
    spec.error.textContent = message;
    spec.input.setAttribute("aria-invalid", "true");
  }

  function clearError(kind) {
    names[kind].error.textContent = "";
    names[kind].input.removeAttribute("aria-invalid");
  }

  async function loadVocabularies() {
    const [topics, schema] = await Promise.all([
      getAllPages(`${API}topics/?page_size=200`),
      getJSON(SCHEMA, { Accept: "application/vnd.oai.openapi+json" }).catch(() => null),
    ]);
    $("f-topic").append(...topics.map((topic) => el("option", { value: topic.slug, text: topic.name })));
    for (const [value, label] of eventKinds(schema)) $("f-kind").append(el("option", { value, text: label }));
  }

  // The event kinds and their labels, as the OpenAPI schema lists them ("* `talks` - series of talks").
  function eventKinds(schema) {
    const parameter = schema && schema.paths[`${API}timeline/`].get.parameters.find((p) => p.name === "kind");
    if (!parameter) return [];
    const labels = new Map();
    for (const match of (parameter.description || "").matchAll(/^\* `([^`]+)` - (.+)$/gm)) labels.set(match[1], match[2]);
    return parameter.schema.items.enum.map((value) => [value, humanize(labels.get(value) || value)]);
  }

  // Fills the form from the URL; actor and venue slugs are shown by name.
  async function fillForm(params) {
    for (const name of FILTERS) {
      const field = form.elements[name];
      const value = params.get(name) || "";
      if (field) field.value = value;
    }
    for (const kind of Object.keys(names)) {
      clearError(kind);
      const slug = params.get(kind);
      if (!slug) continue;
      try {
        const record = await getJSON(`${API}${names[kind].list}${encodeURIComponent(slug)}/`);
        names[kind].input.value = record.name;
        offerNames(kind, [record]);
      } catch (error) {
        names[kind].input.value = slug;
      }
    }
  }

  async function submitFilters(event) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      const value = (form.elements[name].value || "").trim();
      if (!value) continue;
      if (names[name]) {
        const slug = await slugForName(name, value).catch(() => null);
        if (!slug) {
          showError(name, `No ${names[name].noun} is called “${value}”. Pick a name from the suggestions.`);
          names[name].input.focus();
          return;
        }
        params.set(name, slug);
      } else {
        params.set(name, value);
      }
    }
    for (const name of PASSED_THROUGH) for (const value of pageParams().getAll(name)) params.append(name, value);
    const search = params.toString();
    history.pushState(null, "", search ? `?${search}` : window.location.pathname);
    showTimeline();
  }

  // --- Dates on the axis ----------------------------------------------------------------------

  function placement(date) {
    const earliest = parseDay(date.earliest);
    const latest = parseDay(date.latest);
    if (earliest === null && latest === null) return null;
    return { earliest, latest };
  }

  // The span of days the loaded entries cover, with room on both sides for open ends to fade into.
  function domain() {
    const days = [];
    for (const entry of entries) {
      const place = placement(entry.date);
      if (!place) continue;
      if (place.earliest !== null) days.push(place.earliest);
      if (place.latest !== null) days.push(place.latest);
    }
    if (!days.length) return null;
    const first = Math.min(...days);
    const last = Math.max(...days) + DAY_MS;
    const margin = Math.max(3 * DAY_MS, Math.round((last - first) / DAY_MS / 5) * DAY_MS);
    return { start: first - margin, end: last + margin };
  }

  function percent(value, span) {
    return `${((value / span) * 100).toFixed(3)}%`;
  }

  function drawMark(mark, date, range) {
    const place = placement(date);
    const span = range.end - range.start;
    let from = place.earliest === null ? range.start : place.earliest;
    let to = place.latest === null ? range.end : place.latest + DAY_MS;
    let shape = "range";
    if (place.earliest === null) shape = "open-start";
    else if (place.latest === null) shape = "open-end";
    else if (place.earliest === place.latest) shape = "day";
    if (shape === "day") {
      from = place.earliest;
      to = from + DAY_MS;
    }
    mark.className = `mark mark--${shape}`;
    mark.style.left = percent(from - range.start, span);
    mark.style.width = percent(to - from, span);
  }

  function drawAxis(range) {
    axis.replaceChildren();
    if (!range) return;
    const spanDays = (range.end - range.start) / DAY_MS;
    const step = [1, 2, 7, 14, 28, 91, 182, 365].find((days) => spanDays / days <= 6) || Math.ceil(spanDays / 6);
    for (let day = range.start; day <= range.end; day += step * DAY_MS) {
      const tick = el("span", { class: "tick", text: tickFormat.format(new Date(day)) });
      tick.style.left = percent(day - range.start, range.end - range.start);
      axis.append(tick);
    }
  }

  function redrawAxis() {
    const range = domain();
    drawAxis(range);
    for (const entry of entries) if (entry.mark && range) drawMark(entry.mark, entry.date, range);
  }

  // "last week" · 2 Feb 2026 – 8 Feb 2026: the words as written, then what they resolve to.
  function dateLabel(date) {
    const words = date.text
      ? el("span", { class: "date-words", text: `“${date.text}”` })
      : el("span", { class: "date-words date-words--none", text: "no date words" });
    let resolved;
    if (date.earliest && date.latest) {
      if (date.earliest === date.latest) resolved = formatDay(date.earliest);
      else {
        const within = date.precision === "week" || date.precision === "month" || date.precision === "year";
        resolved = `${within ? "one day within " : ""}${formatDay(date.earliest)} – ${formatDay(date.latest)}`;
      }
    } else if (date.latest) resolved = `no earlier bound given; by ${formatDay(date.latest)}`;
    else if (date.earliest) resolved = `from ${formatDay(date.earliest)}; no later bound given`;
    else resolved = "the source gives no date";
    const basis = date.basis === "editor" ? " (supplied by an editor)" : "";
    return el("p", { class: "when" }, words, el("span", { class: "date-resolved", text: ` · ${resolved}${basis}` }),
      date.note ? el("span", { class: "date-note", text: ` ${date.note}` }) : null);
  }

  // --- Entries ----------------------------------------------------------------------------------

  function who(entry) {
    if (entry.type === "event") {
      if (!entry.participants.length) return null;
      return [
        "Actors: ",
        entry.participants.map((p, index) => [index ? ", " : "", el("span", { class: "name", text: p.name }), ` (${humanize(p.role)})`]),
      ];
    }
    const speaker = entry.in_source_voice ? "The article, in its own voice" : entry.speaker ? entry.speaker.name : "Unnamed speaker";
    const parts = ["Speaker: ", el("span", { class: "name", text: speaker })];
    if (entry.outlet) parts.push(`, to ${entry.outlet.name}`);
    if (entry.about && entry.about.length) parts.push(`; about ${entry.about.map((a) => a.name).join(", ")}`);
    return parts;
  }

  function facts(entry) {
    const rows = [];
    const people = who(entry);
    if (people) rows.push(el("li", {}, people));
    if (entry.type === "event" && entry.venue) rows.push(el("li", {}, "Venue: ", el("span", { class: "name", text: entry.venue.name })));
    if (entry.topics.length) rows.push(el("li", {}, `Topics: ${entry.topics.map((t) => t.name).join(", ")}`));
    return rows.length ? el("ul", { class: "facts" }, rows) : null;
  }

  function kindTag(entry) {
    if (entry.type === "event") {
      return el("span", { class: "tag tag--event" }, `Event · ${humanize(entry.kind)} · ${humanize(entry.status)}`);
    }
    return el("span", { class: "tag tag--statement" }, `Statement · ${humanize(entry.mode)}${entry.is_translation ? " (translated)" : ""}`);
  }

  function renderEntry(entry) {
    const id = `entry-${entry.slug}`;
    const sourceId = `source-${entry.slug}`;
    const quotes = entry.citations.map((citation) => el("blockquote", { class: "quote" }, el("p", { text: citation.exact })));
    const toggle = el("button", { type: "button", class: "secondary show-source", "aria-expanded": "false", "aria-controls": sourceId },
      "Show the quote in the source");
    const sourceBox = el("div", { class: "source-text", id: sourceId, hidden: true });
    toggle.addEventListener("click", () => toggleSource(entry, toggle, sourceBox));

    const article = el("article", { class: `entry entry--${entry.type}`, "aria-labelledby": `${id}-title`, tabindex: "0", id },
      el("h3", { id: `${id}-title` }, kindTag(entry), el("span", { class: "title", text: entry.title })),
      dateLabel(entry.date),
      entry.type === "event" && entry.summary ? el("p", { class: "summary", text: entry.summary }) : null,
      facts(entry),
      quotes.length ? el("div", { class: "quotes", "aria-label": "Cited words" }, quotes) : null,
      quotes.length ? toggle : null,
      sourceBox);

    const item = el("li", { class: "entry-row" });
    if (placement(entry.date)) {
      entry.mark = el("span", { class: "mark" });
      item.append(el("div", { class: "track", "aria-hidden": "true" }, entry.mark));
    }
    item.append(article);
    return item;
  }

  // --- The quote in its source ------------------------------------------------------------------

  function sourceText(slug) {
    if (!sources.has(slug)) sources.set(slug, getJSON(`${API}sources/${encodeURIComponent(slug)}/`));
    return sources.get(slug);
  }

  // Offsets count code points (see the README), so the text is cut by code point, not UTF-16 unit.
  function highlighted(text, citations) {
    const chars = Array.from(text);
    const spans = citations.map((c) => [c.start, c.end]).sort((a, b) => a[0] - b[0]);
    const parts = [];
    let at = 0;
    for (const [start, end] of spans) {
      if (start < at) continue;
      parts.push(chars.slice(at, start).join(""), el("mark", { text: chars.slice(start, end).join("") }));
      at = end;
    }
    parts.push(chars.slice(at).join(""));
    return parts;
  }

  async function toggleSource(entry, toggle, box) {
    const open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!open));
    toggle.textContent = open ? "Show the quote in the source" : "Hide the source";
    box.hidden = open;
    if (open || box.childElementCount) return;
    box.append(el("p", { class: "loading", text: "Loading the source…" }));
    const bySource = new Map();
    for (const citation of entry.citations) {
      if (!bySource.has(citation.source)) bySource.set(citation.source, []);
      bySource.get(citation.source).push(citation);
    }
    try {
      const parts = [];
      for (const [slug, citations] of bySource) {
        const source = await sourceText(slug);
        const byline = [source.publisher, source.published_on ? formatDay(source.published_on) : ""].filter(Boolean).join(", ");
        parts.push(
          el("p", { class: "source-title" }, el("cite", { text: source.title }), byline ? ` · ${byline}` : ""),
          el("div", { class: "source-body", tabindex: "0", role: "region", "aria-label": `Text of “${source.title}”` },
            highlighted(source.text, citations)),
        );
      }
      box.replaceChildren(...parts);
      const first = box.querySelector("mark");
      const scroller = box.querySelector(".source-body");
      if (first && scroller) {
        scroller.scrollTo({ top: Math.max(0, first.offsetTop - scroller.offsetTop - 48), behavior: reducedMotion.matches ? "auto" : "smooth" });
      }
    } catch (error) {
      box.replaceChildren(el("p", { class: "problem-inline", text: `The source could not be loaded: ${error.message}` }));
    }
  }

  // --- Loading pages --------------------------------------------------------------------------

  function showProblem(error) {
    const problem = error.problem;
    problemBox.replaceChildren(el("p", {}, el("strong", { text: problem ? problem.title : "The timeline could not be loaded" }),
      ` ${problem ? problem.detail : error.message}`));
    if (problem && problem.errors) {
      problemBox.append(el("ul", {}, problem.errors.map((e) => el("li", { text: `${e.parameter || e.pointer}: ${e.detail}` }))));
    }
    problemBox.hidden = false;
  }

  function appendPage(page) {
    const firstNew = entries.length;
    entries.push(...page.results);
    nextUrl = page.next;
    for (const entry of page.results) (placement(entry.date) ? datedList : undatedList).append(renderEntry(entry));
    redrawAxis();
    $("undated-section").hidden = !undatedList.childElementCount;
    loadMore.hidden = !nextUrl;
    const count = entries.length;
    statusLine.textContent = count
      ? `${count} ${count === 1 ? "entry" : "entries"} shown${nextUrl ? "; more to load" : ""}.`
      : "No entries match these filters.";
    return firstNew;
  }

  async function showTimeline() {
    const mine = ++generation;
    entries = [];
    nextUrl = null;
    datedList.replaceChildren();
    undatedList.replaceChildren();
    axis.replaceChildren();
    problemBox.hidden = true;
    loadMore.hidden = true;
    statusLine.textContent = "Loading the timeline…";
    const params = pageParams();
    await fillForm(params);
    try {
      const page = await getJSON(`${API}timeline/?${apiQuery(params)}`);
      if (mine === generation) appendPage(page);
    } catch (error) {
      if (mine !== generation) return;
      statusLine.textContent = "";
      showProblem(error);
    }
  }

  async function showMore() {
    if (!nextUrl) return;
    const mine = generation;
    loadMore.disabled = true;
    try {
      const page = await getJSON(nextUrl);
      if (mine !== generation) return;
      const firstNew = appendPage(page);
      const entry = entries[firstNew];
      if (entry) $(`entry-${entry.slug}`).focus({ preventScroll: false });
    } catch (error) {
      showProblem(error);
    } finally {
      loadMore.disabled = false;
    }
  }

  // --- Wiring ---------------------------------------------------------------------------------

  form.addEventListener("submit", submitFilters);
  $("clear-filters").addEventListener("click", () => {
    history.pushState(null, "", window.location.pathname);
    showTimeline();
  });
  loadMore.addEventListener("click", showMore);
  window.addEventListener("popstate", showTimeline);
  for (const kind of Object.keys(names)) watchNameField(kind);

  loadVocabularies()
    .catch(() => {})
    .then(() => showTimeline());
})();
