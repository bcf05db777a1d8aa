/* The worksheets (generator/render/worksheets.py, which ships this script as /assets/worksheets.js): the trust
   and agreement grid and the GROW planner.

   The pages are blank printable worksheets without this script. It reveals the controls, keeps what the reader
   types in their own browser's local storage (one key per worksheet; never a cookie, never a server), redraws
   the grid and lists from it, and empties it all on "Clear". Every piece of the reader's text reaches the page
   through textContent, so a name is shown as typed and never read as HTML. Loaded with `defer`, after kb.js,
   whose ranking model (window.KB) orders the GROW options. */
(function () {
  "use strict";

  var KEY_PREFIX = "kb-worksheet:";
  var SVG_NS = "http://www.w3.org/2000/svg";

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function svgElement(tag, attributes, text) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function each(root, selector, action) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), action);
  }

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  /* The reader's own browser keeps the worksheet. Storage may be refused (a private window, a policy, a full
     disk) or hold something unreadable: the reader can still fill in and print, and is told. */
  function browserStore(key) {
    return {
      load: function () {
        var text;
        try { text = window.localStorage.getItem(key); } catch (error) { return {value: {}, problem: "refused"}; }
        if (text === null) return {value: {}, problem: null};
        try {
          var value = JSON.parse(text);
          return value && typeof value === "object" ? {value: value, problem: null} : {value: {}, problem: "unreadable"};
        } catch (error) {
          return {value: {}, problem: "unreadable"};
        }
      },
      save: function (value) {
        try { window.localStorage.setItem(key, JSON.stringify(value)); return true; } catch (error) { return false; }
      },
      clear: function () {
        try { window.localStorage.removeItem(key); } catch (error) { /* nothing was kept */ }
      }
    };
  }

  var PROBLEMS = {
    refused: "This browser will not keep your entries, so print the worksheet before you leave the page.",
    unreadable: "What this browser had kept for this worksheet could not be read, so it starts empty.",
    dropped: "Some saved entries could not be read and were left out."
  };

  /* A saved field's value if the field could hold it: no longer than its maxlength, or one of its options. */
  function fieldValue(field, saved) {
    if (typeof saved !== "string") return "";
    if (field.tagName === "SELECT") {
      return Array.prototype.some.call(field.options, function (option) { return option.value === saved; }) ? saved : "";
    }
    return field.maxLength > 0 && saved.length > field.maxLength ? "" : saved;
  }

  /* What every worksheet shares: its fields ([data-kb-field]), storage, status line, Clear button and printed
     copies of its fields. `kind` adds the rest: read(saved) -> its own part of the state, start(sheet) once,
     show(sheet) after loading or clearing, and fieldChanged(sheet, name) when the reader edits a field. */
  function initWorksheet(root, kind) {
    var store = browserStore(KEY_PREFIX + root.getAttribute("data-kb-worksheet"));
    var fields = Array.prototype.slice.call(root.querySelectorAll("[data-kb-field]"));
    var status = root.querySelector("[data-kb-status]");
    var sheet = {root: root, state: null};

    sheet.say = function (text) { status.textContent = text; };
    sheet.save = function () { if (!store.save(sheet.state)) sheet.say(PROBLEMS.refused); };

    function printout(field) {
      var copy = root.querySelector("[data-printout='" + field.name + "']");
      if (copy) copy.textContent = field.value.trim();
    }

    function fill(saved) {
      var problem = null;
      sheet.state = kind.read(saved, function () { problem = "dropped"; });
      sheet.state.fields = {};
      fields.forEach(function (field) {
        var value = fieldValue(field, (saved.fields || {})[field.name]);
        if (value !== "") sheet.state.fields[field.name] = value;
        field.value = value;
        printout(field);
      });
      kind.show(sheet);
      return problem;
    }

    root.classList.add("kb-ws--live");
    each(root, "[data-kb-reveal]", function (node) { node.hidden = false; });
    each(root, ".kb-nojs", function (node) { node.hidden = true; });
    fields.forEach(function (field) {
      field.addEventListener(field.tagName === "SELECT" ? "change" : "input", function () {
        sheet.state.fields[field.name] = field.value;
        printout(field);
        sheet.save();
        if (kind.fieldChanged) kind.fieldChanged(sheet, field.name);
      });
    });
    root.querySelector("[data-kb-clear]").addEventListener("click", function () {
      store.clear();
      fill({});
      sheet.say("Cleared. Nothing from this worksheet is kept in this browser now.");
    });
    kind.start(sheet);
    var loaded = store.load();
    var problem = fill(loaded.value) || loaded.problem;
    if (problem) sheet.say(PROBLEMS[problem]);
  }

  /* ---- Trust and agreement: people placed by trust and agreement, each in one of the grid's cells. */
  function trustAndAgreement() {
    var model = readJson("kb-ta-model");
    var list = document.getElementById("kb-ta-people");
    var maxPeople = Number(list.getAttribute("data-max"));
    var nameInput = document.getElementById("kb-ta-name");
    var message = document.getElementById("kb-ta-message");
    var nextId = 1;
    var choices = {trust: model.trust, agreement: model.agreement};
    var legends = {trust: "Trust", agreement: "Agreement"};

    function allowed(question, value) {
      return choices[question].some(function (choice) { return choice[0] === value; });
    }

    function cleanName(text) {
      return String(text).replace(/\s+/g, " ").trim();
    }

    function named(people, name) {
      return people.some(function (person) { return person.name.toLowerCase() === name.toLowerCase(); });
    }

    function groupOf(person) {
      return model.groups.filter(function (group) {
        return group.trust === person.trust && group.agreement === person.agreement;
      })[0] || null;
    }

    function read(saved, dropped) {
      var people = [];
      (Array.isArray(saved.people) ? saved.people : []).forEach(function (entry) {
        var name = entry && typeof entry.name === "string" ? cleanName(entry.name) : "";
        if (!name || name.length > nameInput.maxLength || named(people, name) || people.length >= maxPeople) {
          dropped();
          return;
        }
        people.push({id: nextId++, name: name, trust: allowed("trust", entry.trust) ? entry.trust : "",
          agreement: allowed("agreement", entry.agreement) ? entry.agreement : ""});
      });
      return {people: people};
    }

    function placement(person) {
      var group = groupOf(person);
      return group ? group.name : "Not placed yet";
    }

    function question(person, name) {
      var set = element("fieldset", {"class": "kb-ta-question"});
      set.appendChild(element("legend", {}, legends[name]));
      choices[name].forEach(function (choice) {
        var id = "kb-ta-" + person.id + "-" + name + "-" + choice[0];
        var radio = element("input", {type: "radio", id: id, name: "kb-ta-" + person.id + "-" + name, value: choice[0],
          "data-question": name});
        radio.checked = person[name] === choice[0];
        var option = element("span", {"class": "kb-ta-choice"});
        option.appendChild(radio);
        option.appendChild(element("label", {"for": id}, choice[1]));
        set.appendChild(option);
      });
      return set;
    }

    function row(person) {
      var item = element("li", {"class": "kb-ta-person", "data-id": String(person.id)});
      var set = element("fieldset", {"class": "kb-ta-person__set"});
      set.appendChild(element("legend", {"class": "kb-ta-person__name"}, person.name));
      set.appendChild(question(person, "trust"));
      set.appendChild(question(person, "agreement"));
      item.appendChild(set);
      item.appendChild(element("p", {"class": "kb-ta-person__group"}, placement(person)));
      var remove = element("button", {type: "button", "class": "md-button kb-ta-remove", "data-remove": ""}, "Remove");
      remove.appendChild(element("span", {"class": "kb-visually-hidden"}, " " + person.name));
      item.appendChild(remove);
      return item;
    }

    function personOf(sheet, node) {
      var item = node.closest(".kb-ta-person");
      var id = Number(item.getAttribute("data-id"));
      return {item: item, person: sheet.state.people.filter(function (p) { return p.id === id; })[0]};
    }

    /* Each person as a labelled point in their cell: two columns of eight fit a cell, and a cell never holds more
       than the worksheet's sixteen people. Long names are shortened on the picture; the lists give them whole. */
    function drawGrid(people) {
      var points = document.getElementById("kb-ta-points");
      points.textContent = "";
      var said = [];
      each(document, "#kb-ta-grid rect[data-group]", function (cell) {
        var slug = cell.getAttribute("data-group");
        var here = people.filter(function (person) { var g = groupOf(person); return g && g.slug === slug; });
        var x = Number(cell.getAttribute("x")), y = Number(cell.getAttribute("y"));
        here.forEach(function (person, index) {
          var px = x + 14 + Math.floor(index / 8) * 96, py = y + 40 + (index % 8) * 13.5;
          var point = svgElement("g", {"class": "kb-ta-point"});
          point.appendChild(svgElement("title", {}, person.name));
          point.appendChild(svgElement("circle", {cx: px, cy: py, r: 4}));
          var label = person.name.length > 13 ? person.name.slice(0, 12) + "\u2026" : person.name;
          point.appendChild(svgElement("text", {x: px + 8, y: py + 4}, label));
          points.appendChild(point);
        });
        var name = model.groups.filter(function (g) { return g.slug === slug; })[0].name;
        said.push(name + ": " + (here.length ? here.map(function (p) { return p.name; }).join(", ") : "nobody"));
      });
      document.getElementById("kb-ta-grid-desc").textContent = "Trust runs up the side, from low to high; " +
        "agreement about the change runs along the bottom: disagree, not sure, agree. " + said.join(". ") + ".";
    }

    function listGroups(people) {
      each(document, ".kb-ta-group[data-group]", function (item) {
        var slug = item.getAttribute("data-group");
        var names = people.filter(function (p) { var g = groupOf(p); return g && g.slug === slug; })
          .map(function (p) { return p.name; });
        item.querySelector(".kb-ta-group__people").textContent = names.length ? names.join(", ") : "nobody yet";
      });
      var unplaced = people.filter(function (p) { return !groupOf(p); }).map(function (p) { return p.name; });
      var note = document.getElementById("kb-ta-unplaced");
      note.hidden = !unplaced.length;
      note.textContent = "Not placed yet: " + unplaced.join(", ") + ".";
    }

    function redraw(sheet) {
      drawGrid(sheet.state.people);
      listGroups(sheet.state.people);
    }

    function add(sheet) {
      var name = cleanName(nameInput.value);
      var problem = !name ? "Type a name first." :
        name.length > nameInput.maxLength ? "Names can be up to " + nameInput.maxLength + " characters." :
        named(sheet.state.people, name) ? "\u201c" + name + "\u201d is already on the list. Add something to tell " +
          "them apart, such as their organisation." :
        sheet.state.people.length >= maxPeople ? "The worksheet holds " + maxPeople + " people, as many as one " +
          "A4 page prints. Remove someone to add another." : "";
      nameInput.setAttribute("aria-invalid", problem ? "true" : "false");
      if (problem) {
        message.textContent = problem;
        return;
      }
      var person = {id: nextId++, name: name, trust: "", agreement: ""};
      sheet.state.people.push(person);
      list.appendChild(row(person));
      nameInput.value = "";
      message.textContent = "Added " + name + ". Choose how far you trust each other, and whether you agree.";
      sheet.save();
      redraw(sheet);
    }

    return {
      read: read,
      start: function (sheet) {
        document.getElementById("kb-ta-add").addEventListener("submit", function (event) {
          event.preventDefault();
          add(sheet);
        });
        list.addEventListener("change", function (event) {
          var radio = event.target;
          var found = personOf(sheet, radio);
          found.person[radio.getAttribute("data-question")] = radio.value;
          found.item.querySelector(".kb-ta-person__group").textContent = placement(found.person);
          message.textContent = found.person.name + ": " + placement(found.person) + ".";
          sheet.save();
          redraw(sheet);
        });
        list.addEventListener("click", function (event) {
          var button = event.target.closest("[data-remove]");
          if (!button) return;
          var found = personOf(sheet, button);
          var next = found.item.nextElementSibling || found.item.previousElementSibling;
          sheet.state.people.splice(sheet.state.people.indexOf(found.person), 1);
          found.item.remove();
          (next ? next.querySelector("[data-remove]") : nameInput).focus();
          message.textContent = "Removed " + found.person.name + ".";
          sheet.save();
          redraw(sheet);
        });
      },
      show: function (sheet) {
        list.textContent = "";
        sheet.state.people.forEach(function (person) { list.appendChild(row(person)); });
        message.textContent = "";
        redraw(sheet);
      }
    };
  }

  /* ---- GROW: notes per stage, the reader's commitment, and approaches for the barrier they face. */
  var OPTIONS_SHOWN = 5;

  function grow() {
    var approaches = readJson("kb-grow-approaches");
    var barriers = readJson("kb-grow-barriers");
    var list = document.getElementById("kb-grow-approach-list");
    var status = document.getElementById("kb-grow-approaches-status");
    var commitment = document.getElementById("kb-grow-commitment");
    var advice = document.getElementById("kb-grow-commitment-advice");

    /* The barrier's approaches in the ranking model's order (kb.js), as its barrier page lists them. */
    function listOptions(slug) {
      list.textContent = "";
      status.textContent = "";
      if (!slug) {
        status.textContent = "Choose a barrier to see approaches that help with it.";
        return;
      }
      var barrier = barriers[slug];
      if (!window.KB) {  /* kb.js, the site's script, did not load */
        status.textContent = "The approaches could not be ranked in this browser. ";
        status.appendChild(element("a", {href: barrier.url}, "See them on the barrier's page"));
        return;
      }
      var need = {barriers: [slug], people: null, minutes: null};
      var helping = approaches.filter(function (a) { return a.barriers.indexOf(slug) !== -1; });
      var ranked = window.KB.rankApproaches(helping, need, function (a) { return a; }).slice(0, OPTIONS_SHOWN);
      ranked.forEach(function (a) {
        var item = element("li", {"class": "kb-item"});
        var link = element("a", {href: a.url}, a.title);
        item.appendChild(link);
        item.appendChild(element("span", {"class": "kb-item__meta"}, window.KB.fitReason(a, need)));
        list.appendChild(item);
      });
      status.appendChild(document.createTextNode(helping.length
        ? (helping.length > ranked.length ? "The best " + ranked.length + " of " + helping.length : "The " + ranked.length) +
          " approaches for \u201c" + barrier.title + "\u201d, best first. "
        : "No approach on this site lists \u201c" + barrier.title + "\u201d yet. "));
      status.appendChild(element("a", {href: barrier.url}, "More about this barrier"));
    }

    function adviseCommitment(value) {
      advice.textContent = "";
      var score = Number(value);
      if (!score) return;
      if (score <= Number(commitment.getAttribute("data-low"))) {
        advice.appendChild(document.createTextNode(score + " out of 10 is low: go back to "));
        advice.appendChild(element("a", {href: "#options"}, "Options"));
        advice.appendChild(document.createTextNode(" and look for a step you would score higher."));
      } else {
        advice.textContent = score + " out of 10. Agree when you will check in on it.";
      }
    }

    function show(sheet) {
      listOptions(sheet.state.fields.barrier);
      adviseCommitment(sheet.state.fields.commitment);
    }

    return {
      read: function () { return {}; },
      start: function () {},
      show: show,
      fieldChanged: function (sheet, name) {
        if (name === "barrier" || name === "commitment") show(sheet);
      }
    };
  }

  var KINDS = {"trust-and-agreement": trustAndAgreement, "grow": grow};

  each(document, "[data-kb-worksheet]", function (root) {
    initWorksheet(root, KINDS[root.getAttribute("data-kb-worksheet")]());
  });
})();
