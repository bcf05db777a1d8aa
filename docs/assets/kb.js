/* Progressive enhancement for the knowledge base: filters on list pages, the matchmaker and print buttons.
   Every page is complete without this script; it only reveals the forms and hides or ranks items. */
(function () {
  "use strict";

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

  function rangeOf(item, name) {
    var low = item.getAttribute("data-" + name + "-min");
    return low === null ? null : [Number(low), Number(item.getAttribute("data-" + name + "-max"))];
  }

  function anyOf(wanted, have) {
    return wanted.length === 0 || wanted.some(function (w) { return have.indexOf(w) !== -1; });
  }

  /* Within a facet any ticked value matches; across facets every facet must match. */
  function matches(item, params) {
    var words = (params.get("q") || "").toLowerCase().split(/\s+/).filter(Boolean);
    var text = item.getAttribute("data-text") || "";
    if (!words.every(function (w) { return text.indexOf(w) !== -1; })) return false;
    if (!anyOf(params.getAll("barrier"), (item.getAttribute("data-barriers") || "").split(" "))) return false;
    if (!anyOf(params.getAll("theme"), (item.getAttribute("data-themes") || "").split(" "))) return false;
    if (!anyOf(params.getAll("difficulty"), [item.getAttribute("data-difficulty")])) return false;
    if (params.get("used") === "1" && item.getAttribute("data-used") !== "1") return false;
    var people = Number(params.get("people"));
    if (people > 0) {
      var group = rangeOf(item, "people");
      if (!group || people < group[0] || people > group[1]) return false;
    }
    var time = Number(params.get("time"));
    if (time > 0) {
      var minutes = rangeOf(item, "minutes");
      if (!minutes || minutes[0] > time) return false;
    }
    return true;
  }

  function initFilters(form) {
    var list = document.getElementById("kb-results");
    var count = document.getElementById("kb-count");
    var empty = document.getElementById("kb-empty");
    var items = list.querySelectorAll("li[data-slug]");
    var typingTimer = null;

    function apply(params) {
      var shown = 0;
      Array.prototype.forEach.call(items, function (item) {
        var ok = matches(item, params);
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown === items.length
        ? "Showing all " + items.length + " approaches"
        : "Showing " + shown + " of " + items.length + " approaches";
      empty.hidden = shown !== 0;
    }

    function update(push) {
      var params = formState(form);
      apply(params);
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "");
      if (url !== window.location.pathname + window.location.search) {
        if (push) window.history.pushState(null, "", url);
        else window.history.replaceState(null, "", url);
      }
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

  function fits(range, value) {
    return range && value >= range[0] && value <= range[1];
  }

  /* Score: barriers matched weigh most (more for an approach's first barrier), then fit to group size and time,
     then evidence of use in a place. Approaches that cannot fit the group or time are left out. */
  function rank(approaches, barrierTitles, params) {
    var wanted = params.getAll("barrier");
    var people = Number(params.get("people")) || 0;
    var time = Number(params.get("time")) || 0;
    var ranked = [];
    approaches.forEach(function (a) {
      var reasons = [];
      var score = 0;
      var matched = a.barriers.filter(function (b) { return wanted.indexOf(b) !== -1; });
      if (wanted.length && !matched.length) return;
      if (matched.length) {
        score += 10 * matched.length + (matched.indexOf(a.barriers[0]) !== -1 ? 2 : 0);
        reasons.push("Helps with: " + matched.map(function (b) { return barrierTitles[b]; }).join("; "));
      }
      if (people) {
        if (a.people && !fits(a.people, people)) return;
        if (a.people) { score += 3; reasons.push("Works for " + people + " people (" + a.people[0] + "–" + a.people[1] + ")"); }
        else reasons.push("A model to think with: no set group size");
      }
      if (time) {
        if (a.minutes && a.minutes[0] > time) return;
        if (a.minutes) { score += 3; reasons.push("Fits your time (needs " + a.minutes[0] + "–" + a.minutes[1] + " minutes)"); }
      }
      if (a.places.length) {
        score += 1;
        reasons.push("Used in " + a.places.join(", "));
      }
      ranked.push({approach: a, score: score, reasons: reasons});
    });
    ranked.sort(function (x, y) { return y.score - x.score || x.approach.title.localeCompare(y.approach.title); });
    return ranked;
  }

  function initMatchmaker(form) {
    var approaches = JSON.parse(document.getElementById("kb-mm-data").textContent);
    var barrierTitles = JSON.parse(document.getElementById("kb-mm-barriers").textContent);
    var results = document.getElementById("kb-mm-results");
    var count = document.getElementById("kb-mm-count");
    var fallback = document.querySelector(".kb-nojs");
    if (fallback) fallback.hidden = true;

    function show() {
      var params = formState(form);
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
      results.textContent = "";
      if (!params.getAll("barrier").length) {
        count.textContent = "Tick at least one barrier to see matching approaches.";
        return;
      }
      var ranked = rank(approaches, barrierTitles, params).slice(0, 10);
      count.textContent = ranked.length
        ? "The " + ranked.length + " best matches, best first"
        : "No approach fits all of that. Try a larger time or fewer barriers.";
      ranked.forEach(function (match) {
        var item = document.createElement("li");
        item.className = "kb-item";
        var link = document.createElement("a");
        link.href = match.approach.url;
        link.textContent = match.approach.title;
        var summary = document.createElement("span");
        summary.className = "kb-item__summary";
        summary.textContent = match.approach.summary;
        var why = document.createElement("ul");
        why.className = "kb-reasons";
        match.reasons.forEach(function (reason) {
          var li = document.createElement("li");
          li.textContent = reason;
          why.appendChild(li);
        });
        item.appendChild(link);
        item.appendChild(summary);
        item.appendChild(why);
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

  function init() {
    var filters = document.getElementById("kb-filters");
    if (filters) initFilters(filters);
    var matchmaker = document.getElementById("kb-matchmaker");
    if (matchmaker) initMatchmaker(matchmaker);
    Array.prototype.forEach.call(document.querySelectorAll("[data-kb-print]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
