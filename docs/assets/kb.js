/* Progressive enhancement for the knowledge base: the search results page, filters on list pages, the
   matchmaker and print buttons. Every page is complete without this script; it only reveals the forms and
   hides, ranks or lists items. */
(function () {
  "use strict";

  /* Text as the search index holds it (generator/render/search.py, fold): lower case, no accents or apostrophes,
     punctuation as spaces, so that "Café" meets "cafe" and "don't" meets "dont". */
  function fold(text) {
    var plain = String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/['\u2018\u2019]/g, "");
    var joined = (plain.match(/[\p{L}\p{N}]+(?:[-\u2010\u2011\u2013/][\p{L}\p{N}]+)+/gu) || []).map(function (word) {
      return word.replace(/[^\p{L}\p{N}]+/gu, "");
    });
    return plain.replace(/[^\p{L}\p{N}]+/gu, " ").split(" ").concat(joined).filter(Boolean).join(" ");
  }

  /* ---- The ranking model (generator/content/ranking.py, the same rules): problems matched, then fit to the reader's
     people and time, then documented use, then focus, then title. A browser test holds the two halves equal. */
  var DOES_NOT_FIT = 0, UNSTATED = 1, FITS = 2;
  var TYPE_ORDER = {method: 0, model: 1, programme: 2};

  function fitOf(a, need) {
    if (need.people !== null && a.people && !(a.people[0] <= need.people && need.people <= a.people[1])) return DOES_NOT_FIT;
    if (need.minutes !== null && a.minutes && a.minutes[0] > need.minutes) return DOES_NOT_FIT;
    return a.people && a.minutes ? FITS : UNSTATED;
  }

  function matchedOf(a, need) {
    return a.barriers.filter(function (b) { return need.barriers.indexOf(b) !== -1; });
  }

  function rankKey(a, need) {
    var matched = matchedOf(a, need).length;
    var primary = a.barriers.length && need.barriers.indexOf(a.barriers[0]) !== -1 ? 1 : 0;
    var share = a.barriers.length ? matched / a.barriers.length : 0;
    return [-matched, -fitOf(a, need), TYPE_ORDER[a.type], -Math.min(a.places, 1), -primary, -share,
      a.title.toLowerCase(), a.slug];
  }

  function compareKeys(x, y) {
    for (var i = 0; i < x.length; i += 1) {
      if (x[i] < y[i]) return -1;
      if (x[i] > y[i]) return 1;
    }
    return 0;
  }

  /* `items` in the model's order; `factsOf(item)` gives an item's facts. */
  function rankApproaches(items, need, factsOf) {
    return items.map(function (item) { return {item: item, key: rankKey(factsOf(item), need)}; })
      .sort(function (x, y) { return compareKeys(x.key, y.key); })
      .map(function (ranked) { return ranked.item; });
  }

  function needFrom(params) {
    var people = Number(params.get("people")), minutes = Number(params.get("time"));
    return {barriers: params.getAll("barrier"), people: people > 0 ? people : null, minutes: minutes > 0 ? minutes : null};
  }

  function rangeText(range, unit) {
    return range[0] === range[1] ? range[0] + " " + unit : range[0] + "–" + range[1] + " " + unit;
  }

  /* Why an approach fits, or plainly why not, in the reader's terms. */
  function fitReason(a, need) {
    var fit = fitOf(a, need);
    if (fit === DOES_NOT_FIT) {
      var why = [];
      if (need.people !== null && a.people && !(a.people[0] <= need.people && need.people <= a.people[1])) {
        why.push("it works for " + rangeText(a.people, "people") + ", and you have " + need.people);
      }
      if (need.minutes !== null && a.minutes && a.minutes[0] > need.minutes) {
        why.push("it needs at least " + a.minutes[0] + " minutes, and you have " + need.minutes);
      }
      return "Does not fit: " + why.join("; ");
    }
    if (fit === UNSTATED) return "Does not say how many people or how long: an idea to think with rather than a session to run";
    var parts = [];
    var first = a.type === "programme" ? "A programme over weeks or months; its first working session fits " : "Fits ";
    if (need.people !== null) parts.push("your " + need.people + " people (it works for " + rangeText(a.people, "people") + ")");
    if (need.minutes !== null) parts.push("your time (it needs " + rangeText(a.minutes, "minutes") + ")");
    if (parts.length) return first + parts.join(" and ");
    return (a.type === "programme" ? "A programme; its first working session: " : "You can run it: ") +
      rangeText(a.people, "people") + ", " + rangeText(a.minutes, "minutes");
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* ---- Forms whose state lives in the address. */
  function formState(form) {
    var params = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled) return;
      if (el.type === "checkbox") {
        if (el.checked) params.append(el.name, el.value);
      } else if (el.value.trim() !== "") {
        params.append(el.name, el.value.trim());
      }
    });
    return params;
  }

  function setFormState(form, params) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      if (el.type === "checkbox") {
        el.checked = params.getAll(el.name).indexOf(el.value) !== -1;
      } else if (el.tagName === "SELECT" || el.type === "search" || el.type === "number") {
        el.value = params.get(el.name) || "";
      }
    });
    /* A filter set from the URL must not hide inside a closed "more filters" section. */
    Array.prototype.forEach.call(form.querySelectorAll("details"), function (details) {
      if (details.querySelector("input:checked")) details.open = true;
    });
  }

  function showAddress(params, push) {
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "");
    if (url === window.location.pathname + window.location.search) return;
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  /* ---- The approaches list: filters, ranked by the model once the reader says what they face. */
  function anyOf(wanted, have) {
    return wanted.length === 0 || wanted.some(function (w) { return have.indexOf(w) !== -1; });
  }

  /* Within a facet any ticked value matches; across facets every facet must match. */
  function matches(item, facts, params, need) {
    var words = fold(params.get("q") || "").split(" ").filter(Boolean);
    var text = item.getAttribute("data-text") || "";
    if (!words.every(function (w) { return text.indexOf(w) !== -1; })) return false;
    if (!anyOf(need.barriers, facts.barriers)) return false;
    if (!anyOf(params.getAll("type"), [facts.type])) return false;
    if (!anyOf(params.getAll("theme"), (item.getAttribute("data-themes") || "").split(" "))) return false;
    if (!anyOf(params.getAll("difficulty"), [item.getAttribute("data-difficulty")])) return false;
    if (params.get("used") === "1" && !facts.places) return false;
    if (need.people !== null && (!facts.people || facts.people[0] > need.people || facts.people[1] < need.people)) return false;
    if (need.minutes !== null && (!facts.minutes || facts.minutes[0] > need.minutes)) return false;
    return true;
  }

  function initFilters(form) {
    var list = document.getElementById("kb-results");
    var count = document.getElementById("kb-count");
    var empty = document.getElementById("kb-empty");
    var items = Array.prototype.slice.call(list.querySelectorAll("li[data-slug]"));
    var facts = new Map(items.map(function (item) { return [item, JSON.parse(item.getAttribute("data-rank"))]; }));
    var factsOf = function (item) { return facts.get(item); };
    var typingTimer = null;

    function apply(params) {
      var need = needFrom(params);
      var shown = 0;
      var ranked = need.barriers.length || need.people !== null || need.minutes !== null;
      (ranked ? rankApproaches(items, need, factsOf) : items).forEach(function (item) {
          var ok = matches(item, factsOf(item), params, need);
          item.hidden = !ok;
          if (ok) shown += 1;
          var badge = item.querySelector(".kb-item__matches");
          if (badge) badge.remove();
          if (ok && need.barriers.length > 1) {
            var count = matchedOf(factsOf(item), need).length;
            item.insertBefore(element("span", "kb-item__matches", "Matches " + count + " of your " + need.barriers.length),
              item.querySelector(".kb-item__meta"));
          }
          list.appendChild(item);
        });
      count.textContent = (shown === items.length
        ? "Showing all " + items.length + " approaches"
        : "Showing " + shown + " of " + items.length + " approaches") +
        (ranked && shown ? ", best match first" : "");
      empty.hidden = shown !== 0;
    }

    function update(push) {
      var params = formState(form);
      apply(params);
      showAddress(params, push);
    }

    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
    form.addEventListener("change", function () { update(true); });
    form.addEventListener("input", function (event) {
      if (event.target.type !== "search" && event.target.type !== "number") return;
      window.clearTimeout(typingTimer);
      typingTimer = window.setTimeout(function () { update(false); }, 200);
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { update(true); }, 0);
    });
    window.addEventListener("popstate", function () {
      var params = new URLSearchParams(window.location.search);
      setFormState(form, params);
      apply(params);
    });
    var initial = new URLSearchParams(window.location.search);
    setFormState(form, initial);
    apply(initial);
  }

  /* ---- The matchmaker: the model's best ten for the ticked problems, people and time, each saying why. */
  var MATCHMAKER_SHOWN = 10;

  function initMatchmaker(form) {
    var approaches = JSON.parse(document.getElementById("kb-mm-data").textContent);
    var barrierTitles = JSON.parse(document.getElementById("kb-mm-barriers").textContent);
    var results = document.getElementById("kb-mm-results");
    var count = document.getElementById("kb-mm-count");
    var fallback = document.querySelector(".kb-nojs");
    if (fallback) fallback.hidden = true;

    function show() {
      var params = formState(form);
      var need = needFrom(params);
      showAddress(params, false);
      results.textContent = "";
      if (!need.barriers.length) {
        count.textContent = "Tick at least one barrier to see matching approaches.";
        return;
      }
      var candidates = approaches.filter(function (a) { return matchedOf(a, need).length; });
      var ranked = rankApproaches(candidates, need, function (a) { return a; }).slice(0, MATCHMAKER_SHOWN);
      count.textContent = "The " + ranked.length + " best of " + candidates.length +
        " approaches for what you ticked, best first";
      ranked.forEach(function (a) {
        var fit = fitOf(a, need);
        var item = element("li", "kb-item" + (fit === DOES_NOT_FIT ? " kb-item--nofit" : ""));
        var link = element("a", "", a.title);
        link.href = a.url;
        item.appendChild(link);
        if (a.facts) item.appendChild(element("span", "kb-item__meta", a.facts));
        item.appendChild(element("span", "kb-item__summary", a.summary));
        var why = element("ul", "kb-reasons");
        var matched = matchedOf(a, need);
        why.appendChild(element("li", "", (need.barriers.length > 1
          ? "Helps with " + matched.length + " of your " + need.barriers.length + ": " : "Helps with: ") +
          matched.map(function (b) { return barrierTitles[b]; }).join("; ")));
        why.appendChild(element("li", fit === DOES_NOT_FIT ? "kb-reasons__nofit" : "", fitReason(a, need)));
        if (a.placeNames.length) why.appendChild(element("li", "", "Used in " + a.placeNames.join(", ")));
        item.appendChild(why);
        var add = element("a", "kb-item__add", "Add ");
        add.href = results.getAttribute("data-kb-kit") + "?add=" + encodeURIComponent(a.slug);
        add.appendChild(element("span", "kb-visually-hidden", a.title + " "));
        add.appendChild(document.createTextNode("to a session"));
        item.appendChild(add);
        results.appendChild(item);
      });
    }

    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); show(); });
    form.addEventListener("change", show);
    form.addEventListener("input", show);
    setFormState(form, new URLSearchParams(window.location.search));
    show();
  }

  /* ---- Search over the fragmented index of generator/render/search_index.py, with lunr.js's stemmer. */
  var KIND_LABELS = {approach: "Approach", barrier: "Barrier", place: "Place", theme: "Theme"};
  var SEARCH_SHOWN = 20;
  var NUMBER_WORDS = {a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, half: 0.5};

  /* "200 people", "ten of us" and "90 minutes", "2 hours", "half a day" in a query are the reader's people and
     time: results are ranked by fit to them, as in the matchmaker. */
  function needFromQuery(folded) {
    var need = {barriers: [], people: null, minutes: null};
    var people = folded.match(/(\d+)\s*(?:people|persons|participants|staff|attendees|delegates|members|of us|colleagues|partners)\b/);
    if (people) need.people = Number(people[1]);
    var time = folded.match(/(\d+(?:\.\d+)?|an?|one|two|three|four|half)\s*(?:an?\s*)?(minutes?|mins?|hours?|hrs?|days?)\b/);
    if (time) {
      var amount = NUMBER_WORDS[time[1]] !== undefined ? NUMBER_WORDS[time[1]] : Number(time[1]);
      var unit = time[2].charAt(0) === "m" ? 1 : time[2].charAt(0) === "h" ? 60 : 480;
      need.minutes = Math.round(amount * unit);
    }
    return need;
  }

  function stem(word) {
    return lunr.stemmer(new lunr.Token(word)).toString();
  }

  /* Within one edit (a letter changed, added, dropped, or two swapped), as lunr.js's editDistance 1. */
  function oneEditApart(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a.charAt(i) === b.charAt(i)) i++;
    if (i === a.length && i === b.length) return true;
    var rest = function (x, y) { return a.slice(x) === b.slice(y); };
    if (a.length === b.length) {
      return rest(i + 1, i + 1) || (a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && rest(i + 2, i + 2));
    }
    return a.length > b.length ? rest(i + 1, i) : rest(i, i + 1);
  }

  /* The query's terms and their weights, as lunr.js's query would expand them against the vocabulary: each word
     counts as written (through lunr's stemmer), more weakly as the start of a longer word, and, for longer words,
     with one letter wrong ("enquiry" finds "inquiry"). Stop words are in no document. */
  function queryTerms(meta, folded) {
    var words = folded.split(" ").filter(function (w) { return w && !/^\d+$/.test(w) && lunr.stopWordFilter(w); });
    var weights = {};
    function add(term, boost) { weights[term] = (weights[term] || 0) + boost; }
    words.forEach(function (word) {
      var stemmed = stem(word);
      meta.shards.forEach(function (terms) {
        terms.forEach(function (term) {
          if (term === stemmed) add(term, 1);
          if (stemmed.length >= 3 && term.lastIndexOf(stemmed, 0) === 0) add(term, 0.3);
          if (stemmed.length >= 5 && oneEditApart(stemmed, term)) add(term, 0.2);
        });
      });
    });
    return weights;
  }

  /* Documents scored as lunr.js scores them: per field, BM25 (the stored weight times the term's idf and the
     field's boost), summed over the query's terms by their weights, over the length of the query's vector. */
  function scoreDocuments(meta, postings, weights) {
    var scores = {}, magnitude = 0;
    Object.keys(weights).forEach(function (term) {
      magnitude += weights[term] * weights[term];
      var posting = postings[term];
      var found = posting.reduce(function (sum, pairs) { return sum + pairs.length / 2; }, 0);
      var idf = Math.log(1 + Math.abs((meta.count - found + 0.5) / (found + 0.5)));
      posting.forEach(function (pairs, field) {
        var ref = 0;
        for (var i = 0; i < pairs.length; i += 2) {
          ref += pairs[i];
          scores[ref] = (scores[ref] || 0) + weights[term] * idf * pairs[i + 1] * meta.boosts[field] / meta.weightScale;
        }
      });
    });
    magnitude = Math.sqrt(magnitude);
    return Object.keys(scores).map(function (ref) { return {ref: Number(ref), score: scores[ref] / magnitude}; })
      .sort(function (x, y) { return y.score - x.score || x.ref - y.ref; });
  }

  /* A barrier is the reader's problem when the query says one of its phrasings: at least two of the phrasing's
     words (as stems), and at least two thirds of them, e.g. "nobody will share their budget" says "won't share
     budgets". */
  function problemsIn(barriers, queryStems) {
    return barriers.filter(function (barrier) {
      return barrier.phrases.some(function (phrase) {
        var words = phrase.split(" ").filter(Boolean);
        var said = words.filter(function (w) { return queryStems.indexOf(w) !== -1; }).length;
        return said >= 2 && said * 3 >= words.length * 2;
      });
    });
  }

  /* Text relevance first, then the ranking model, over the RERANKED best by text (and any barrier the query
     names): a named barrier comes first (its page starts with what to run), and among approaches those that
     help with the reader's problems, fit their people and time and have documented use lift. */
  var RERANKED = 30;
  function rankResults(hits, named, need) {
    var top = hits.length ? hits[0].score : 0;
    var namedRefs = named.map(function (barrier) { return barrier.ref; });
    return hits.map(function (hit) {
      var result = hit.result;
      var score = hit.score;
      var position = namedRefs.indexOf(hit.ref);
      if (position !== -1) score = top * (3 + hit.score / top - position * 0.01);
      if (result.rank) {
        if (need.barriers.length) score *= 1 + 0.5 * matchedOf(result.rank, need).length / need.barriers.length;
        var fit = fitOf(result.rank, need);
        score *= fit === FITS ? 1.25 : fit === DOES_NOT_FIT ? 0.6 : 1;
        if (result.rank.places) score *= 1.1;
      }
      return {result: result, score: score, need: need};
    }).sort(function (x, y) { return y.score - x.score; });
  }

  /* The index comes in fragments (generator/render/search_index.py): the vocabulary first, then the shards
     holding the query's terms, then the results of the best-scored documents only. Each file is fetched once. */
  function fragmentedIndex(base) {
    var files = {};
    function get(path) {
      if (!files[path]) {
        files[path] = fetch(base + path).then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        });
      }
      return files[path];
    }
    return function search(query) {
      return get("meta.json").then(function (meta) {
        var folded = fold(query);
        var need = needFromQuery(folded);
        var named = problemsIn(meta.barriers, folded.split(" ").map(stem));
        need.barriers = named.map(function (barrier) { return barrier.slug; });
        var weights = queryTerms(meta, folded);
        var shardNumbers = [];
        meta.shards.forEach(function (terms, number) {
          if (terms.some(function (term) { return weights[term]; })) shardNumbers.push(number);
        });
        return Promise.all(shardNumbers.map(function (n) { return get("terms/" + n + ".json"); })).then(function (loaded) {
          var postings = Object.assign.apply(null, [{}].concat(loaded));
          var hits = scoreDocuments(meta, postings, weights);
          var best = hits.slice(0, RERANKED);
          named.forEach(function (barrier) {
            var hit = hits.filter(function (h) { return h.ref === barrier.ref; })[0];
            if (hit && best.indexOf(hit) === -1) best.push(hit);
          });
          var resultFiles = {};
          best.forEach(function (hit) { resultFiles[Math.floor(hit.ref / meta.resultsPerFile)] = null; });
          return Promise.all(Object.keys(resultFiles).map(function (number) {
            return get("results/" + number + ".json").then(function (results) { resultFiles[number] = results; });
          })).then(function () {
            best.forEach(function (hit) {
              hit.result = resultFiles[Math.floor(hit.ref / meta.resultsPerFile)][hit.ref % meta.resultsPerFile];
            });
            return {count: hits.length, ranked: rankResults(best, named, need)};
          });
        });
      });
    };
  }

  function resultItem(hit) {
    var result = hit.result;
    var item = element("li", "kb-item kb-result");
    var link = element("a", "", result.title);
    link.href = result.url;
    item.appendChild(link);
    item.appendChild(element("span", "kb-badge kb-badge--" + result.kind, KIND_LABELS[result.kind] || result.kind));
    if (result.facts) item.appendChild(element("span", "kb-item__meta", result.facts));
    item.appendChild(element("span", "kb-item__summary", result.summary));
    if (result.rank && (hit.need.people !== null || hit.need.minutes !== null)) {
      var fit = fitOf(result.rank, hit.need);
      item.appendChild(element("span", "kb-item__fit" + (fit === DOES_NOT_FIT ? " kb-reasons__nofit" : ""), fitReason(result.rank, hit.need)));
    }
    return item;
  }

  function initSearch(form) {
    var input = form.querySelector("input[name=q]");
    var status = document.getElementById("kb-search-status");
    var list = document.getElementById("kb-search-results");
    var fallback = document.querySelector(".kb-nojs");
    if (fallback) fallback.hidden = true;
    var meta = form.getAttribute("data-kb-index");
    var search = fragmentedIndex(meta.slice(0, meta.lastIndexOf("/") + 1));
    var typingTimer = null;

    function noResults(query) {
      status.textContent = "";
      status.appendChild(document.createTextNode("Nothing matches \u201c" + query + "\u201d. Try other words, tick what you face in the "));
      var matchmaker = element("a", "", "matchmaker");
      matchmaker.href = "../matchmaker/";
      status.appendChild(matchmaker);
      status.appendChild(document.createTextNode(", or start from the "));
      var barriers = element("a", "", "list of barriers");
      barriers.href = "../barriers/";
      status.appendChild(barriers);
      status.appendChild(document.createTextNode("."));
    }

    function run(query) {
      list.textContent = "";
      if (!query.trim()) {
        status.textContent = "Type what you are facing, or the name of an approach, a person or a place.";
        return;
      }
      status.textContent = "Searching\u2026";
      search(query).then(function (found) {
        if (input.value.trim() !== query.trim()) return; /* a newer query is on its way */
        list.textContent = "";
        if (!found.count) {
          noResults(query);
          return;
        }
        var shown = found.ranked.slice(0, SEARCH_SHOWN);
        status.textContent = (found.count > shown.length ? "The best " + shown.length + " of " + found.count : found.count) +
          " result" + (found.count === 1 ? "" : "s") + " for \u201c" + query + "\u201d, best first";
        shown.forEach(function (hit) { list.appendChild(resultItem(hit)); });
      }).catch(function () {
        status.textContent = "The search index could not be loaded. Start from the list of barriers or the approaches instead.";
      });
    }

    function update(push) {
      var params = new URLSearchParams();
      if (input.value.trim()) params.set("q", input.value.trim());
      showAddress(params, push);
      run(input.value);
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
    input.addEventListener("input", function () {
      window.clearTimeout(typingTimer);
      typingTimer = window.setTimeout(function () { update(false); }, 250);
    });
    window.addEventListener("popstate", function () {
      input.value = new URLSearchParams(window.location.search).get("q") || "";
      run(input.value);
    });
    input.value = new URLSearchParams(window.location.search).get("q") || "";
    if (!input.value) input.focus();
    run(input.value);
  }

  /* ---- Cards brought into a page (a barrier's deck, a session plan): each card is the `.kb-card` of its own
     page, fetched from the same site; its links are made absolute so they still lead to the right pages. */
  function loadCard(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.text();
    }).then(function (text) {
      var card = new DOMParser().parseFromString(text, "text/html").querySelector(".kb-card");
      if (!card) throw new Error(url + ": no card");
      Array.prototype.forEach.call(card.querySelectorAll("a[href]"), function (link) {
        link.setAttribute("href", new URL(link.getAttribute("href"), absoluteUrl(url)).href);
      });
      return document.importNode(card, true);
    });
  }

  function absoluteUrl(url) {
    return new URL(url, window.location.href).href;
  }

  function initCardList(list) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a[data-kb-card]"));
    var deck = element("div", "kb-deck");
    var status = element("p", "kb-count", "Bringing in " + links.length + " cards\u2026");
    status.setAttribute("role", "status");
    list.parentNode.insertBefore(status, list);
    Promise.all(links.map(function (link) {
      return loadCard(link.getAttribute("href")).catch(function () { return null; });
    })).then(function (cards) {
      var missing = 0;
      cards.forEach(function (card) {
        if (card) deck.appendChild(card); else missing += 1;
      });
      list.parentNode.insertBefore(deck, list.nextSibling);
      list.hidden = true;
      status.textContent = cards.length - missing + " cards, ready to print" +
        (missing ? "; " + missing + " could not be loaded: open them from the links" : "");
      if (missing) list.hidden = false;
    });
  }

  /* ---- "Cite this page": today's date as the day it was read, and buttons that copy the reference or the link. */
  function initCitation(reference) {
    var today = new Date();
    Array.prototype.forEach.call(reference.querySelectorAll("[data-kb-today]"), function (span) {
      span.textContent = today.toLocaleDateString("en-GB", {day: "numeric", month: "long", year: "numeric"});
    });
    var tools = reference.nextElementSibling;
    if (!tools || !navigator.clipboard) return;
    var said = tools.querySelector("[role=status]");
    var address = document.querySelector("link[rel=canonical]");
    Array.prototype.forEach.call(tools.querySelectorAll("[data-kb-copy]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var what = button.getAttribute("data-kb-copy");
        var text = what === "link" && address ? address.href : reference.textContent.trim();
        navigator.clipboard.writeText(text).then(function () {
          said.textContent = what === "link" ? "Link copied." : "Reference copied.";
        }, function () {
          said.textContent = "Your browser did not allow copying: select the text above instead.";
        });
      });
    });
  }

  /* ---- A table wider than the page scrolls sideways inside Material's wrapper; keyboard users must be able to
     reach and scroll it (WCAG 2.1.1), so a wrapper that scrolls becomes a focusable, named region. */
  function initScrollRegion(wrapper) {
    if (wrapper.scrollWidth <= wrapper.clientWidth || wrapper.hasAttribute("tabindex")) return;
    var heading = null;
    for (var node = wrapper.previousElementSibling; node && !heading; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) heading = node;
    }
    wrapper.setAttribute("tabindex", "0");
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("aria-label", (heading ? heading.textContent.replace(/\s*¶$/, "") + ": " : "") +
      "table, scrolls sideways");
  }

  /* For the session plan and the worksheets (generator/render/assets/kit.js, worksheets.js): the same ranking model. */
  window.KB = {fold: fold, rankApproaches: rankApproaches, fitOf: fitOf, matchedOf: matchedOf, fitReason: fitReason,
    loadCard: loadCard, element: element, rangeText: rangeText,
    FITS: FITS, UNSTATED: UNSTATED, DOES_NOT_FIT: DOES_NOT_FIT};

  function init() {
    var filters = document.getElementById("kb-filters");
    if (filters) initFilters(filters);
    var matchmaker = document.getElementById("kb-matchmaker");
    if (matchmaker) initMatchmaker(matchmaker);
    Array.prototype.forEach.call(document.querySelectorAll("[data-kb-cards]"), initCardList);
    Array.prototype.forEach.call(document.querySelectorAll(".kb-cite"), initCitation);
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), initScrollRegion);
    var search = document.getElementById("kb-search");
    if (search && window.lunr) initSearch(search);
    Array.prototype.forEach.call(document.querySelectorAll("[data-kb-print]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
