/* The session plan (/kit/, written by generator/render/kit.py): approaches and breaks in order, each with its
   minutes, timed from a start time against the session's length, printed as a facilitator's agenda with each
   approach's steps, materials and card.

   The plan lives in the address, so a link shares it and no server keeps anything:
     ?a=trust-and-agreement:60,break:15,world-cafe:90&start=09:30&length=180
   The browser's local storage (never a cookie) keeps the plan last open here, so that an "Add to a session" link
   (?add=<slug>) adds to it. Whatever comes from the address or storage is checked before use and shown with
   textContent, never as HTML: what cannot be used is named in a message, and the rest of the plan still shows.
   The ranking model's facts and helpers come from kb.js (window.KB), which the site loads on every page. */
(function () {
  "use strict";

  var MAX_ITEMS = 30;
  var DAY = 24 * 60;  /* no item or session is longer than a day */
  var BREAK = "break";
  var BREAK_MINUTES = 15;
  var UNTIMED_MINUTES = 30;  /* a first guess for an approach that gives no time */
  var SHOWN_PROBLEMS = 8;
  var MESSAGE_TEXT_LENGTH = 40;
  var STORAGE_KEY = "kb-kit-plan";
  var CLOCK_RE = /^(\d{1,2}):(\d{2})$/;

  /* kb.js's helpers (window.KB), which has run by the time the plan is drawn. */
  function el(tag, className, text) {
    return window.KB.element(tag, className, text);
  }

  /* Text from the address, cut short, for a message; `quoted` puts it in quotation marks. */
  function cut(value) {
    var text = String(value);
    return text.length > MESSAGE_TEXT_LENGTH ? text.slice(0, MESSAGE_TEXT_LENGTH) + "\u2026" : text;
  }

  function quoted(value) {
    return "\u201c" + cut(value) + "\u201d";
  }

  function plural(count, word, words) {
    return count + " " + (count === 1 ? word : words || word + "s");
  }

  /* A message as a sentence: its first letter a capital. */
  function sentence(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  /* 150 -> "2 h 30 min", as a plan's lengths are read at a glance. */
  function duration(minutes) {
    var hours = Math.floor(minutes / 60), rest = minutes % 60;
    if (!hours) return rest + " min";
    return hours + " h" + (rest ? " " + rest + " min" : "");
  }

  /* A difference in time, in words: "20 minutes", "1 h 10 min". */
  function difference(minutes) {
    return minutes < 60 ? plural(minutes, "minute") : duration(minutes);
  }

  function rangeText(range, unit) {
    return window.KB.rangeText(range, unit);
  }

  function twoDigits(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /* Minutes after midnight as a time of day; a plan may run past midnight. */
  function clock(minutes) {
    var inDay = ((minutes % DAY) + DAY) % DAY;
    return twoDigits(Math.floor(inDay / 60)) + ":" + twoDigits(inDay % 60);
  }

  /* Whole minutes, from 1 to a day: {minutes, why}. `why` says what was wrong, and `minutes` is what can be
     used of it (a day for longer), or null. */
  function checkMinutes(raw) {
    var text = String(raw).trim();
    if (!/^[-+]?\d+$/.test(text)) return {minutes: null, why: quoted(text) + " is not a whole number of minutes"};
    var minutes = Number(text);
    if (minutes < 1) return {minutes: null, why: cut(text) + " minutes is too short"};
    if (minutes > DAY) return {minutes: DAY, why: cut(text) + " minutes is more than a day"};
    return {minutes: minutes, why: null};
  }

  /* Minutes for `what`, with `fallback` when they cannot be used, and a message saying so. */
  function minutesFor(raw, fallback, what) {
    var checked = checkMinutes(raw);
    if (checked.why === null) return {minutes: checked.minutes, problem: null};
    var used = checked.minutes !== null ? checked.minutes : fallback;
    return {minutes: used, problem: checked.why + (used === null ? ", so " + what + " was left unset"
      : ", so " + used + " was used for " + what)};
  }

  function init(app) {
    var KB = window.KB;
    var approaches = JSON.parse(document.getElementById("kb-kit-data").textContent);
    var bySlug = new Map(approaches.map(function (a) { return [a.slug, a]; }));
    var byTitle = approaches.slice().sort(function (x, y) { return x.title.localeCompare(y.title, "en"); });
    var list = document.getElementById("kb-kit-items");
    var empty = document.getElementById("kb-kit-empty");
    var total = document.getElementById("kb-kit-total");
    var notice = document.getElementById("kb-kit-notice");
    var status = document.getElementById("kb-kit-status");
    var startInput = document.getElementById("kb-kit-start");
    var lengthInput = document.getElementById("kb-kit-length");
    var find = document.getElementById("kb-kit-find");
    var findCount = document.getElementById("kb-kit-find-count");
    var choice = document.getElementById("kb-kit-approach");
    var breakInput = document.getElementById("kb-kit-break");
    var linkField = document.getElementById("kb-kit-link");
    var agenda = document.getElementById("kb-kit-agenda");
    var cardsSection = document.getElementById("kb-kit-cards");
    var nextKey = 0;
    var plan = {items: [], start: null, length: null};
    var cards = new Map();  /* slug -> a promise of its card element, or null when it has none */
    var cardsShown = "";

    /* ---- Reading a plan: the address, or the one kept in storage. */
    function usualMinutes(slug) {
      if (slug === BREAK) return BREAK_MINUTES;
      var a = bySlug.get(slug);
      return a.minutes ? a.minutes[0] : UNTIMED_MINUTES;
    }

    function newItem(slug, minutes) {
      nextKey += 1;
      return {key: String(nextKey), slug: slug, minutes: minutes};
    }

    function nameOf(item) {
      return item.slug === BREAK ? "the break" : bySlug.get(item.slug).title;
    }

    /* `a=slug:minutes,...` as items; each problem goes into `problems` as a sentence. */
    function itemsFrom(value, problems) {
      var items = [], cut = 0;
      value.split(",").forEach(function (part) {
        var text = part.trim();
        if (!text) return;
        var colon = text.indexOf(":");
        var name = colon === -1 ? text : text.slice(0, colon).trim();
        var slug = name.toLowerCase();
        if (slug !== BREAK && !bySlug.has(slug)) {
          problems.push(quoted(name) + " is not an approach, so it was left out");
          return;
        }
        if (items.length === MAX_ITEMS) {
          cut += 1;
          return;
        }
        var item = newItem(slug, usualMinutes(slug));
        var raw = colon === -1 ? "" : text.slice(colon + 1);
        if (raw.trim()) {
          var checked = minutesFor(raw, item.minutes, nameOf(item));
          item.minutes = checked.minutes;
          if (checked.problem) problems.push(checked.problem);
        }
        items.push(item);
      });
      if (cut) problems.push("A plan holds at most " + MAX_ITEMS + " items, so the last " + plural(cut, "item") + " were left out");
      return items;
    }

    function planFrom(params, problems) {
      var read = {items: itemsFrom(params.get("a") || "", problems), start: null, length: null};
      var start = (params.get("start") || "").trim();
      var time = CLOCK_RE.exec(start);
      if (time && Number(time[1]) < 24 && Number(time[2]) < 60) read.start = Number(time[1]) * 60 + Number(time[2]);
      else if (start) problems.push(quoted(start) + " is not a time of day like 09:30, so the start time was left unset");
      if ((params.get("length") || "").trim()) {
        var length = minutesFor(params.get("length"), null, "the session\u2019s length");
        read.length = length.minutes;
        if (length.problem) problems.push(length.problem);
      }
      return read;
    }

    function stored() {
      try {
        return window.localStorage.getItem(STORAGE_KEY) || "";
      } catch (error) {
        return "";  /* storage is off: the address alone holds the plan */
      }
    }

    /* ?add=<slug>: an approach page's "Add to a session" link adds to the plan being built. */
    function addFromAddress(slugs, problems) {
      var added = [];
      slugs.forEach(function (raw) {
        var slug = raw.trim().toLowerCase();
        var a = bySlug.get(slug);
        if (!a) problems.push(quoted(raw) + " is not an approach, so it was not added");
        else if (plan.items.some(function (item) { return item.slug === slug; })) added.push(a.title + " was already in your plan");
        else if (plan.items.length >= MAX_ITEMS) problems.push("A plan holds at most " + MAX_ITEMS + " items, so " + a.title + " was not added");
        else {
          var item = newItem(slug, usualMinutes(slug));
          plan.items.push(item);
          added.push("Added " + a.title + " (" + plural(item.minutes, "minute") + ") to your plan");
        }
      });
      return added;
    }

    /* ---- Writing it back: the address, which storage keeps too. Slugs and numbers need no escaping. */
    function query() {
      var parts = [];
      if (plan.items.length) {
        parts.push("a=" + plan.items.map(function (item) { return item.slug + ":" + item.minutes; }).join(","));
      }
      if (plan.start !== null) parts.push("start=" + clock(plan.start));
      if (plan.length !== null) parts.push("length=" + plan.length);
      return parts.join("&");
    }

    function save() {
      var search = query();
      var url = window.location.pathname + (search ? "?" + search : "");
      if (url !== window.location.pathname + window.location.search) window.history.replaceState(null, "", url);
      linkField.value = window.location.href;
      try {
        window.localStorage.setItem(STORAGE_KEY, search);
      } catch (error) {
        /* storage is off or full: the address still holds the plan */
      }
    }

    /* ---- Times: each item's start and end, from the start time or, without one, from 0:00. */
    function times() {
      var at = plan.start !== null ? plan.start : 0;
      return plan.items.map(function (item) {
        var span = [at, at + item.minutes];
        at += item.minutes;
        return span;
      });
    }

    function timeText(minutes) {
      if (plan.start !== null) return clock(minutes);
      return Math.floor(minutes / 60) + ":" + twoDigits(minutes % 60);
    }

    function spanText(span) {
      return timeText(span[0]) + "\u2013" + timeText(span[1]);
    }

    function totalMinutes() {
      return plan.items.reduce(function (sum, item) { return sum + item.minutes; }, 0);
    }

    /* "2 h 30 min of 3 h: 30 minutes to spare", and the clock times when there is a start time. */
    function totalText() {
      var sum = totalMinutes();
      var text = duration(sum);
      if (plan.length === null) text = "Total: " + text + ". Set the session length to see the time to spare";
      else {
        var spare = plan.length - sum;
        text += " of " + duration(plan.length) + ": " + (spare > 0 ? difference(spare) + " to spare"
          : spare < 0 ? difference(-spare) + " over" : "exactly the time you have");
      }
      if (plan.start !== null) text += ". From " + clock(plan.start) + " to " + clock(plan.start + sum);
      else if (plan.items.length) text += ". Set a start time to see clock times";
      return text + ".";
    }

    /* Why the minutes given may not be enough, by the ranking model's rule for time (KB.fitOf). */
    function shortOfTime(item) {
      var a = bySlug.get(item.slug);
      if (!a || !a.minutes) return "";
      var fit = KB.fitOf(a, {barriers: [], people: null, minutes: item.minutes});
      return fit === KB.DOES_NOT_FIT ? "Less than the " + a.minutes[0] + " minutes it needs" : "";
    }

    function aboutText(a) {
      var parts = [];
      if (a.people) parts.push(rangeText(a.people, "people"));
      parts.push(a.minutes ? "usually " + rangeText(a.minutes, "minutes") : "gives no usual time");
      if (a.type === "programme") parts.push("the first working session of a programme");
      return sentence(parts.join(" \u00b7 "));
    }

    /* ---- The list the reader edits. */
    function button(action, visible, name) {
      var node = el("button", "md-button kb-kit-item__button", visible);
      node.type = "button";
      node.setAttribute("data-action", action);
      node.setAttribute("aria-label", visible + ": " + name);  /* which item, said after what is seen */
      return node;
    }

    function itemLabel(item, index) {
      return item.slug === BREAK ? "Break (item " + (index + 1) + ")" : bySlug.get(item.slug).title;
    }

    function itemElement(item, index) {
      var li = el("li", "kb-item kb-kit-item" + (item.slug === BREAK ? " kb-kit-item--break" : ""));
      li.setAttribute("data-key", item.key);
      var head = el("p", "kb-kit-item__head");
      head.appendChild(el("span", "kb-kit-item__time"));
      var a = bySlug.get(item.slug);
      if (a) {
        var link = el("a", "", a.title);
        link.href = a.url;
        head.appendChild(link);
      } else {
        head.appendChild(el("span", "kb-kit-item__break", "Break"));
      }
      li.appendChild(head);
      if (a) li.appendChild(el("span", "kb-item__meta", aboutText(a)));
      li.appendChild(el("span", "kb-item__fit kb-reasons__nofit"));
      var controls = el("div", "kb-kit-item__controls");
      var id = "kb-kit-minutes-" + item.key;
      var label = el("label", "", "Minutes");
      label.htmlFor = id;
      label.appendChild(el("span", "kb-visually-hidden", " for " + itemLabel(item, index)));
      var input = el("input");
      input.type = "number";
      input.id = id;
      input.min = "1";
      input.max = String(DAY);
      input.inputMode = "numeric";
      input.value = String(item.minutes);
      input.setAttribute("data-action", "minutes");
      var minutes = el("span", "kb-kit-item__minutes");
      minutes.appendChild(label);
      minutes.appendChild(input);
      var buttons = el("span", "kb-kit-item__buttons");
      var up = button("up", "Move up", itemLabel(item, index));
      up.disabled = index === 0;
      var down = button("down", "Move down", itemLabel(item, index));
      down.disabled = index === plan.items.length - 1;
      buttons.appendChild(up);
      buttons.appendChild(down);
      buttons.appendChild(button("remove", "Remove", itemLabel(item, index)));
      controls.appendChild(minutes);
      controls.appendChild(buttons);
      li.appendChild(controls);
      return li;
    }

    /* What changes as minutes are typed: times, warnings, the total, the address and the agenda. The list itself
       is rebuilt only when items are added, moved or removed, so typing never loses its place. */
    function refresh() {
      var spans = times();
      Array.prototype.forEach.call(list.children, function (li, index) {
        li.querySelector(".kb-kit-item__time").textContent = spanText(spans[index]);
        li.querySelector(".kb-item__fit").textContent = shortOfTime(plan.items[index]);
      });
      empty.hidden = plan.items.length > 0;
      total.textContent = plan.items.length ? totalText() : "";
      save();
      renderAgenda(spans);
      renderCards();
    }

    function render() {
      list.textContent = "";
      plan.items.forEach(function (item, index) { list.appendChild(itemElement(item, index)); });
      startInput.value = plan.start !== null ? clock(plan.start) : "";
      lengthInput.value = plan.length !== null ? String(plan.length) : "";
      refresh();
    }

    function announce(message) {
      status.textContent = message + (plan.items.length ? ". " + plural(plan.items.length, "item") + ", " +
        duration(totalMinutes()) + (plan.length !== null ? " of " + duration(plan.length) : "") + "." : ".");
    }

    function focusIn(key, actions) {
      var li = list.querySelector("[data-key='" + key + "']");
      var target = null;
      actions.some(function (action) {
        var candidate = li && li.querySelector("[data-action=" + action + "]");
        if (candidate && !candidate.disabled) target = candidate;
        return target !== null;
      });
      if (target) target.focus();
    }

    function move(index, by) {
      var item = plan.items[index];
      plan.items.splice(index, 1);
      plan.items.splice(index + by, 0, item);
      render();
      var action = by < 0 ? "up" : "down";
      focusIn(item.key, [action, action === "up" ? "down" : "up", "minutes"]);  /* the same item, still in hand */
      announce("Moved " + nameOf(item) + " " + action + " to " + (index + by + 1) + " of " + plan.items.length);
    }

    function remove(index) {
      var item = plan.items.splice(index, 1)[0];
      render();
      var next = plan.items[Math.min(index, plan.items.length - 1)];
      if (next) focusIn(next.key, ["remove"]);
      else find.focus();
      announce("Removed " + nameOf(item));
    }

    list.addEventListener("click", function (event) {
      var target = event.target.closest("button[data-action]");
      if (!target) return;
      var key = target.closest("li").getAttribute("data-key");
      var index = plan.items.findIndex(function (item) { return item.key === key; });
      var action = target.getAttribute("data-action");
      if (action === "up") move(index, -1);
      else if (action === "down") move(index, 1);
      else if (action === "remove") remove(index);
    });

    function itemOfInput(input) {
      var key = input.closest("li").getAttribute("data-key");
      return plan.items.find(function (item) { return item.key === key; });
    }

    list.addEventListener("input", function (event) {
      var checked = checkMinutes(event.target.value);
      if (checked.why !== null) return;  /* half typed: judged when the reader leaves the box */
      itemOfInput(event.target).minutes = checked.minutes;
      refresh();
    });
    list.addEventListener("change", function (event) {
      var item = itemOfInput(event.target);
      var checked = minutesFor(event.target.value, item.minutes, nameOf(item));
      item.minutes = checked.minutes;
      event.target.value = String(item.minutes);
      refresh();
      announce(sentence(checked.problem || nameOf(item) + " takes " + plural(item.minutes, "minute")));
    });

    /* ---- Start time and length. */
    document.getElementById("kb-kit-settings").addEventListener("submit", function (event) { event.preventDefault(); });
    startInput.addEventListener("change", function () {
      var time = CLOCK_RE.exec(startInput.value);
      plan.start = time ? Number(time[1]) * 60 + Number(time[2]) : null;
      refresh();
      announce(plan.start !== null ? "The session starts at " + clock(plan.start) : "No start time");
    });
    lengthInput.addEventListener("change", function () {
      if (!lengthInput.value.trim()) plan.length = null;
      else {
        var checked = minutesFor(lengthInput.value, plan.length, "the session\u2019s length");
        plan.length = checked.minutes;
        lengthInput.value = plan.length !== null ? String(plan.length) : "";
        if (checked.problem) {
          refresh();
          announce(sentence(checked.problem));
          return;
        }
      }
      refresh();
      announce(plan.length !== null ? "The session is " + duration(plan.length) + " long" : "No session length");
    });

    /* ---- Adding: an approach found by name (folded as search folds it, so "cafe" finds World Café), or a break. */
    function fillChoices() {
      var words = KB.fold(find.value).split(" ").filter(Boolean);
      var shown = byTitle.filter(function (a) {
        var text = KB.fold(a.title + " " + a.slug);
        return words.every(function (w) { return text.indexOf(w) !== -1; });
      });
      choice.textContent = "";
      shown.forEach(function (a) {
        var option = el("option", "", a.title + (a.minutes ? " (" + rangeText(a.minutes, "min") + ")" : ""));
        option.value = a.slug;
        choice.appendChild(option);
      });
      findCount.textContent = !words.length ? "Type part of a name to shorten the list of " + approaches.length + " approaches."
        : shown.length ? plural(shown.length, "approach", "approaches") + " match" + (shown.length === 1 ? "es." : ".")
          : "No approach has \u201c" + find.value.trim() + "\u201d in its name.";
    }

    function addItem(item) {
      if (plan.items.length >= MAX_ITEMS) {
        announce("The plan is full: it holds at most " + MAX_ITEMS + " items");
        return;
      }
      plan.items.push(item);
      render();
      announce("Added " + nameOf(item) + " at " + spanText(times()[plan.items.length - 1]));
    }

    find.addEventListener("input", fillChoices);
    document.getElementById("kb-kit-add-approach").addEventListener("submit", function (event) {
      event.preventDefault();
      if (!choice.value) {
        announce("No approach is chosen: change the name you typed to find one");
        return;
      }
      addItem(newItem(choice.value, usualMinutes(choice.value)));
    });
    document.getElementById("kb-kit-add-break").addEventListener("submit", function (event) {
      event.preventDefault();
      var checked = minutesFor(breakInput.value, BREAK_MINUTES, "the break");
      breakInput.value = String(checked.minutes);
      addItem(newItem(BREAK, checked.minutes));
    });

    /* ---- Sharing and starting again. */
    document.getElementById("kb-kit-copy").addEventListener("click", function () {
      linkField.value = window.location.href;
      function copied() {
        status.textContent = "Link copied. Paste it into an email or a chat to share this plan.";
      }
      function refused() {
        linkField.focus();
        linkField.select();
        status.textContent = "This browser did not let the page copy. The link is selected in the box: press " +
          "Ctrl+C (\u2318C on a Mac) to copy it.";
      }
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(linkField.value).then(copied, refused);
      else refused();
    });
    document.getElementById("kb-kit-clear").addEventListener("click", function () {
      plan = {items: [], start: null, length: null};
      render();
      announce("Started a new plan: it is empty");
    });

    /* ---- The agenda, for print: each item's clock times, steps with their minutes and sub-points, materials. */
    function stepsTotal(steps) {
      var timed = steps.filter(function (s) { return s.minutes; });
      if (!timed.length) return null;
      return timed.reduce(function (sum, s) { return [sum[0] + s.minutes[0], sum[1] + s.minutes[1]]; }, [0, 0]);
    }

    function agendaItem(item, span) {
      var a = bySlug.get(item.slug);
      var li = el("li", "kb-kit-agenda__item");
      var heading = el("h3");
      heading.appendChild(el("span", "kb-kit-agenda__time", spanText(span)));
      heading.appendChild(document.createTextNode(" " + (a ? a.title : "Break") + " (" + duration(item.minutes) + ")"));
      li.appendChild(heading);
      if (!a) return li;
      li.appendChild(el("p", "kb-kit-agenda__about", aboutText(a) + "."));
      var steps = stepsTotal(a.steps);
      if (steps && (steps[0] > item.minutes || steps[1] < item.minutes)) {
        li.appendChild(el("p", "kb-kit-agenda__about", "The steps as written take " + rangeText(steps, "minutes") +
          "; this plan gives " + plural(item.minutes, "minute") + "."));
      }
      if (a.steps.length) {
        var stepList = el("ol", "kb-kit-agenda__steps");
        a.steps.forEach(function (step) {
          var stepItem = el("li");
          if (step.lead) stepItem.appendChild(el("strong", "", step.lead));
          if (step.minutes) stepItem.appendChild(document.createTextNode(" (" + rangeText(step.minutes, "minutes") + ")"));
          if (step.text) stepItem.appendChild(document.createTextNode((step.lead || step.minutes ? ". " : "") + step.text));
          if (step.points.length) {
            var points = el("ul");
            step.points.forEach(function (point) { points.appendChild(el("li", "", point)); });
            stepItem.appendChild(points);
          }
          stepList.appendChild(stepItem);
        });
        li.appendChild(stepList);
      } else {
        li.appendChild(el("p", "", "Its page says how to use it: " + new URL(a.url, window.location.href).href));
      }
      if (a.materials) {
        li.appendChild(el("p", "kb-kit-agenda__materials", "Materials: " + a.materials.join("; ") + "."));
      }
      return li;
    }

    function renderAgenda(spans) {
      agenda.textContent = "";
      if (!plan.items.length) return;
      agenda.appendChild(el("h2", "", "Agenda"));
      agenda.appendChild(el("p", "kb-count", totalText()));
      var items = el("ol", "kb-kit-agenda__items");
      plan.items.forEach(function (item, index) { items.appendChild(agendaItem(item, spans[index])); });
      agenda.appendChild(items);
    }

    /* ---- The approaches' cards, each on its own printed page, taken from their card pages. A card page that is
       missing (or fails) is left out: the agenda prints without it. The card is the site's own HTML; its links are
       rewritten to work from this page, and its ids dropped so that they cannot clash with this page's. */
    /* A link of this site from its path, as the site's own print styles treat it (only other sites' addresses
       are written out on paper); any other address in full. */
    function sameSite(url) {
      return url.origin === window.location.origin ? url.pathname + url.search + url.hash : url.href;
    }

    function cardOf(a) {
      if (!cards.has(a.slug)) {
        cards.set(a.slug, fetch(a.card).then(function (response) {
          if (!response.ok) return null;
          return response.text().then(function (text) {
            var card = new DOMParser().parseFromString(text, "text/html").querySelector(".kb-card");
            if (!card) return null;
            Array.prototype.forEach.call(card.querySelectorAll("[href], [src]"), function (node) {
              ["href", "src"].forEach(function (name) {
                if (node.hasAttribute(name)) node.setAttribute(name, sameSite(new URL(node.getAttribute(name), response.url)));
              });
            });
            Array.prototype.forEach.call(card.querySelectorAll("[id]"), function (node) { node.removeAttribute("id"); });
            card.removeAttribute("id");
            return card;
          });
        }).catch(function () { return null; }));
      }
      return cards.get(a.slug);
    }

    function renderCards() {
      var slugs = [];
      plan.items.forEach(function (item) {
        if (item.slug !== BREAK && slugs.indexOf(item.slug) === -1) slugs.push(item.slug);
      });
      if (slugs.join(",") === cardsShown) return;
      cardsShown = slugs.join(",");
      cardsSection.textContent = "";
      slugs.forEach(function (slug) {
        var holder = el("div", "kb-kit-card");
        holder.hidden = true;
        cardsSection.appendChild(holder);
        cardOf(bySlug.get(slug)).then(function (card) {
          if (!card) return;
          holder.appendChild(document.importNode(card, true));
          holder.hidden = false;
        });
      });
    }

    /* ---- Start: the address's plan, else the stored one; then any ?add= from an approach's page. */
    function showProblems(problems) {
      notice.textContent = "";
      notice.hidden = problems.length === 0;
      if (!problems.length) return;
      notice.appendChild(el("p", "kb-kit-notice__title", "Ignored:"));
      var items = el("ul");
      problems.slice(0, SHOWN_PROBLEMS).forEach(function (problem) { items.appendChild(el("li", "", sentence(problem) + ".")); });
      if (problems.length > SHOWN_PROBLEMS) {
        items.appendChild(el("li", "", "Also " + plural(problems.length - SHOWN_PROBLEMS, "more problem") + " like these."));
      }
      notice.appendChild(items);
      notice.appendChild(el("p", "", "The rest of the plan is below."));
    }

    var params = new URLSearchParams(window.location.search);
    var problems = [];
    var fromAddress = ["a", "start", "length"].some(function (name) { return params.has(name); });
    plan = planFrom(fromAddress ? params : new URLSearchParams(stored()), problems);
    var added = addFromAddress(params.getAll("add"), problems);
    app.hidden = false;
    var fallback = document.querySelector(".kb-nojs");
    if (fallback) fallback.hidden = true;
    fillChoices();
    render();
    showProblems(problems);
    if (added.length) status.textContent = added.join(". ") + ".";
  }

  function start() {
    var app = document.getElementById("kb-kit");
    if (app && window.KB) init(app);  /* without kb.js, the page stays as it reads with JavaScript off */
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
