"use strict";
// studykit practice page. Every text from the deck is inserted with textContent
// (never as HTML), so fact text can never become markup.
(function () {
  const data = JSON.parse(document.getElementById("practice-data").textContent);
  const STORE = "studykit-practice:" + data.deck.id;
  const list = document.getElementById("questions");
  const scoreLine = document.getElementById("score");
  const roundNote = document.getElementById("round-note");
  const byId = new Map(data.questions.map((q) => [q.id, q]));

  // --- progress in localStorage -------------------------------------------------
  function loadState() {
    try {
      const saved = JSON.parse(window.localStorage.getItem(STORE) || "{}");
      return { results: saved.results || {}, topics: saved.topics || null, round: saved.round || "all" };
    } catch (err) {
      return { results: {}, topics: null, round: "all" };
    }
  }
  const state = loadState();
  if (!state.topics) state.topics = data.topics.map((t) => t.id);
  function save() {
    try { window.localStorage.setItem(STORE, JSON.stringify(state)); } catch (err) { /* private mode */ }
  }

  // --- small DOM helpers --------------------------------------------------------
  let uid = 0;
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "text") node.textContent = value;
      else if (key === "on") for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child) node.appendChild(child);
    return node;
  }
  function nextId(prefix) { uid += 1; return prefix + "-" + uid; }

  // --- marking --------------------------------------------------------------------
  function normalize(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/(\d),(?=\d{3}(\D|$))/g, "$1")
      .replace(/[^\p{L}\p{N};.\s]/gu, " ").replace(/\.(?!\d)/g, " ")
      .replace(/\b(the|a|an)\b/g, " ").replace(/\s+/g, " ").trim();
  }
  function listItems(text) {
    return normalize(text).split(/;|\band\b/).map((s) => s.trim()).filter(Boolean).sort();
  }
  function sameText(typed, form, anyOrder) {
    if (anyOrder) return listItems(typed).join("|") === listItems(form).join("|");
    return normalize(typed) === normalize(form);
  }
  // "12 million" counts as 12,000,000: sums of millions are written so.
  const SCALES = { thousand: 1e3, million: 1e6, billion: 1e9 };
  function firstNumber(text) {
    const match = String(text).replace(/(\d),(?=\d{3})/g, "$1")
      .match(/-?\d+(\.\d+)?(?:\s*(thousand|million|billion)\b)?/i);
    if (!match) return null;
    const value = parseFloat(match[0]);
    return match[2] ? Math.round(value * SCALES[match[2].toLowerCase()]) : value;
  }
  function numberOk(typed, numeric) {
    const value = firstNumber(typed);
    return value !== null && Math.abs(value - numeric.value) <= numeric.tolerance + 1e-9;
  }
  function cellOk(typed, expected) {
    const want = firstNumber(expected);
    if (want !== null) return firstNumber(typed) === want;
    return normalize(typed) === normalize(expected);
  }

  // --- score, topics, rounds --------------------------------------------------------
  function inSelection(q) { return state.topics.includes(q.topic); }
  function updateScore() {
    const chosen = data.questions.filter(inSelection);
    const answered = chosen.filter((q) => q.id in state.results);
    const right = answered.filter((q) => state.results[q.id] === "right").length;
    const wrong = answered.length - right;
    scoreLine.textContent = "Score: " + right + " right of " + answered.length + " answered (" +
      chosen.length + " questions in the chosen topics).";
    const again = document.getElementById("round-wrong");
    again.textContent = "Wrong ones again (" + wrong + ")";
    again.disabled = wrong === 0 && state.round !== "wrong";
  }
  function record(q, right) {
    state.results[q.id] = right ? "right" : "wrong";
    save();
    updateScore();
  }

  function buildTopics() {
    const box = document.getElementById("topics");
    for (const topic of data.topics) {
      const id = nextId("topic");
      const input = el("input", { type: "checkbox", id: id, value: topic.id });
      input.checked = state.topics.includes(topic.id);
      input.addEventListener("change", () => {
        state.topics = data.topics.map((t) => t.id).filter((t) =>
          box.querySelector('input[value="' + CSS.escape(t) + '"]').checked);
        save();
        renderList();
      });
      box.appendChild(el("label", { class: "topic", for: id }, input, el("span", { text: topic.title })));
    }
  }
  function summarizeTopics() {
    const n = state.topics.length;
    document.getElementById("topic-summary").textContent = n === data.topics.length
      ? "Topics: all " + n : "Topics: " + n + " of " + data.topics.length;
  }

  function renderList() {
    list.replaceChildren();
    let shown = data.questions.filter(inSelection);
    if (state.round === "wrong") shown = shown.filter((q) => state.results[q.id] === "wrong");
    roundNote.textContent = state.round === "wrong"
      ? "Round: the " + shown.length + " question(s) you got wrong. Choose \u201cAll questions\u201d to go back."
      : "";
    shown.forEach((q, i) => list.appendChild(renderQuestion(q, i + 1)));
    summarizeTopics();
    updateScore();
  }

  // --- one question ---------------------------------------------------------------
  function renderQuestion(q, number) {
    const headingId = nextId("q");
    const item = el("li", { class: "question", id: "question-" + q.id.replace(/[^\w-]/g, "_"),
      "data-question": q.id, "data-style": q.style, "aria-labelledby": headingId });
    const title = el("h2", { id: headingId },
      el("span", { class: "number", text: "Question " + number }),
      el("span", { class: "prompt", text: " " + q.prompt }));
    item.appendChild(title);
    const before = state.results[q.id];
    if (before) {
      item.appendChild(el("p", { class: "before", text: before === "right"
        ? "Earlier you got this right." : "Earlier you got this wrong." }));
    }
    const feedback = el("div", { class: "feedback", role: "status", "aria-live": "polite" });
    const body = (STYLES[q.style] || STYLES.short_answer)(q, (right, answerText, selfMark) =>
      showFeedback(q, feedback, right, answerText, selfMark), headingId);
    item.appendChild(body);
    item.appendChild(feedback);
    return item;
  }

  function showFeedback(q, box, right, answerText, selfMark) {
    box.replaceChildren();
    box.className = "feedback " + (right === null ? "pending" : right ? "right" : "wrong");
    if (right !== null) {
      box.appendChild(el("p", { class: "verdict", text: right ? "\u2714 Right." : "\u2718 Not quite." }));
      record(q, right);
    }
    if (answerText) box.appendChild(el("p", { class: "answer" }, el("strong", { text: "Answer: " }),
      document.createTextNode(answerText)));
    if (q.marking_points.length) {
      box.appendChild(el("p", { class: "marking", text: "A full answer mentions:" }));
      const points = el("ul");
      q.marking_points.forEach((p) => points.appendChild(el("li", { text: p })));
      box.appendChild(points);
    }
    if (selfMark) box.appendChild(selfMarkButtons(q, box, answerText, right));
    const f = q.feedback;
    f.statements.forEach((s) => box.appendChild(el("p", { class: "statement", text: s })));
    if (f.quote) box.appendChild(el("blockquote", { class: "quote", text: f.quote }));
    f.context.forEach((c) => box.appendChild(el("p", { class: "context",
      text: "Context (not from the source): " + c })));
    if (f.citation) box.appendChild(el("p", { class: "citation", text: "Source: " + f.citation }));
  }

  function selfMarkButtons(q, box, answerText, machineVerdict) {
    const row = el("div", { class: "selfmark", role: "group", "aria-label": "Mark your own answer" });
    const label = machineVerdict === false ? "Count it as right" : "I had it right";
    row.appendChild(el("button", { type: "button", class: "mark-right", text: label,
      on: { click: () => showFeedback(q, box, true, answerText, false) } }));
    if (machineVerdict !== false) {
      row.appendChild(el("button", { type: "button", class: "mark-wrong", text: "I did not",
        on: { click: () => showFeedback(q, box, false, answerText, false) } }));
    }
    return row;
  }

  // --- the styles -----------------------------------------------------------------
  function choiceButtons(q, labels, correct, done, headingId) {
    const group = el("div", { class: "choices", role: "group", "aria-labelledby": headingId });
    const buttons = labels.map((label, i) => el("button", {
      type: "button", class: "choice", text: String.fromCharCode(65 + i) + ". " + label,
      on: { click: () => {
        buttons.forEach((b, j) => {
          b.disabled = true;
          if (j === correct) { b.classList.add("correct"); b.setAttribute("aria-description", "correct answer"); }
        });
        buttons[i].classList.add("chosen");
        buttons[i].setAttribute("aria-pressed", "true");
        done(i === correct, labels[correct], false);
      } } }));
    buttons.forEach((b) => group.appendChild(b));
    return group;
  }

  function answerForm(fields, onCheck, checkLabel) {
    const form = el("form", { class: "answer-form" });
    fields.forEach((f) => form.appendChild(f));
    form.appendChild(el("button", { type: "submit", class: "check", text: checkLabel || "Check" }));
    form.addEventListener("submit", (event) => { event.preventDefault(); onCheck(form); });
    return form;
  }

  function labelled(labelText, control) {
    const id = nextId("field");
    control.setAttribute("id", id);
    return el("div", { class: "field" }, el("label", { for: id, text: labelText }), control);
  }

  const STYLES = {
    multiple_choice(q, done, headingId) {
      return choiceButtons(q, q.options, q.correct, done, headingId);
    },
    true_false(q, done, headingId) {
      return choiceButtons(q, ["True", "False"], q.truth ? 0 : 1, done, headingId);
    },
    short_answer(q, done) {
      const input = el("input", { type: "text", autocomplete: "off", autocapitalize: "off",
        spellcheck: "false", class: "typed" });
      // A unit in words: "a number of shillings"; a sign: "a number, in £" (not "a number of £").
      const unit = q.numeric && q.numeric.unit;
      const hint = q.numeric ? (unit ? "Your answer (a number" + (/[A-Za-z]/.test(unit) ? " of " : ", in ")
        + unit + ")" : "Your answer (a number)") : q.forms.length ? "Your answer"
        : "Your answer (then compare it with the model answer)";
      return answerForm([labelled(hint, input)], () => {
        const typed = input.value;
        if (!q.numeric && !q.forms.length) return done(null, q.answer, true);
        // The number, or any accepted form ("2 million tons" a teacher listed for 2,000,000 tons).
        const right = Boolean(q.numeric && numberOk(typed, q.numeric))
          || q.forms.some((form) => sameText(typed, form, q.any_order));
        done(right, q.answer, !right);
      }, q.forms.length || q.numeric ? "Check" : "Show the answer");
    },
    essay(q, done) {
      const area = el("textarea", { rows: String(Math.max(3, q.lines || 4)), class: "typed" });
      return answerForm([labelled("Your answer (you mark it yourself)", area)],
        () => done(null, q.answer, true), "Show the model answer");
    },
    fill_blank(q, done) {
      const sentence = el("p", { class: "cloze" });
      const inputs = {};
      const answers = {};
      for (const [text, n] of q.cloze) {
        if (!n) { sentence.appendChild(document.createTextNode(text)); continue; }
        if (answers[n] !== undefined) { sentence.appendChild(el("span", { class: "gap", text: "_____" })); continue; }
        answers[n] = text;
        const input = el("input", { type: "text", class: "blank", autocomplete: "off",
          "aria-label": "Blank " + n });
        inputs[n] = input;
        sentence.appendChild(input);
      }
      const full = q.sentence || q.cloze.map(([text]) => text).join("");
      return answerForm([sentence], () => {
        const right = Object.keys(inputs).every((n) => cellOk(inputs[n].value, answers[n]));
        done(right, full, !right);
      });
    },
    matching(q, done) {
      const selects = q.pairs.map(([left]) => {
        const select = el("select", { class: "match" });
        select.appendChild(el("option", { value: "", text: "\u2014 choose \u2014" }));
        q.options.forEach((option, i) => select.appendChild(el("option", { value: String(i), text: option })));
        return labelled(left, select);
      });
      const answerText = q.pairs.map(([l, r]) => l + " \u2013 " + r).join("; ");
      return answerForm(selects, (form) => {
        const chosen = Array.from(form.querySelectorAll("select")).map((s) =>
          s.value === "" ? null : q.options[Number(s.value)]);
        done(chosen.every((c, i) => c === q.pairs[i][1]), answerText, false);
      });
    },
    ordering(q, done) {
      const items = q.options.slice();
      const box = el("ol", { class: "order" });
      function draw(focusIndex, focusClass) {
        box.replaceChildren();
        items.forEach((text, i) => {
          const up = el("button", { type: "button", class: "up", text: "\u2191",
            "aria-label": "Move up: " + text, on: { click: () => move(i, -1, "up") } });
          const down = el("button", { type: "button", class: "down", text: "\u2193",
            "aria-label": "Move down: " + text, on: { click: () => move(i, 1, "down") } });
          up.disabled = i === 0;
          down.disabled = i === items.length - 1;
          box.appendChild(el("li", { class: "order-item" }, el("span", { text: text }), up, down));
        });
        if (focusIndex !== undefined) {
          const target = box.children[focusIndex].querySelector("." + focusClass);
          (target && !target.disabled ? target : box.children[focusIndex].querySelector("button:not([disabled])")).focus();
        }
      }
      function move(i, step, which) {
        const j = i + step;
        [items[i], items[j]] = [items[j], items[i]];
        draw(j, which);
      }
      draw();
      return answerForm([el("p", { class: "hint", text: "Use the arrows to put them in order." }), box], () =>
        done(items.every((text, i) => text === q.order[i]), q.order.join("; "), false));
    },
    table(q, done) {
      const table = el("table", { class: "fill" });
      const head = el("tr");
      q.columns.forEach((c) => head.appendChild(el("th", { scope: "col", text: c.title })));
      table.appendChild(el("thead", {}, head));
      const body = el("tbody");
      const cells = [];
      q.rows.forEach((row) => {
        const tr = el("tr");
        row.forEach((value, j) => {
          if (q.columns[j] && q.columns[j].blank) {
            const input = el("input", { type: "text", class: "cell", autocomplete: "off",
              "aria-label": q.columns[j].title + " for " + row[0] });
            cells.push([input, value]);
            tr.appendChild(el("td", {}, input));
          } else {
            tr.appendChild(el(j === 0 ? "th" : "td", j === 0 ? { scope: "row", text: value } : { text: value }));
          }
        });
        body.appendChild(tr);
      });
      table.appendChild(body);
      const answerText = q.rows.map((row) => row.join(" \u2013 ")).join("; ");
      return answerForm([el("div", { class: "table-wrap" }, table)], () => {
        const right = cells.every(([input, value]) => cellOk(input.value, value));
        done(right, answerText, !right);
      });
    },
  };

  // --- start ----------------------------------------------------------------------
  document.getElementById("round-all").addEventListener("click", () => {
    state.round = "all"; save(); renderList(); list.focus();
  });
  document.getElementById("round-wrong").addEventListener("click", () => {
    state.round = "wrong"; save(); renderList(); list.focus();
  });
  document.getElementById("reset").addEventListener("click", () => {
    if (!window.confirm("Forget every answer saved in this browser for this deck?")) return;
    state.results = {}; state.round = "all"; save(); renderList();
  });
  buildTopics();
  renderList();
})();
