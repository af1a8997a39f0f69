// The chat panel. Runs inside the iframe that embed.js opens (or on its own page).
// Every message is rendered as text; only http(s) and mailto links become links.
(function () {
  "use strict";

  var MAX_CHARS = 1000;
  var STORE_KEY = "career-advisor.session";
  var MAX_TITLE_CHARS = 80, MAX_GREETING_CHARS = 500;
  var SETTINGS_WAIT_MS = 1500;
  var MAX_URL_CHARS = 300, MAX_COMMENT_CHARS = 500;
  // Display text never comes from this page's URL (a crafted link could show a fake advisor
  // message on the bot's own origin). Framed by embed.js, the chat asks its parent for the
  // embed tag's settings; on its own it uses these defaults.
  var options = {
    title: "Career advisor",
    greeting: "Hi! I can help you decide whether engineering management is for you. What would you like to know?",
    color: "",
    privacyUrl: "",  // data-privacy-url: linked from the line saying conversations are stored
    contactUrl: ""   // data-contact-url: sent with each message, offered when a person is asked for
  };

  var el = {
    title: document.getElementById("chat-title"),
    log: document.getElementById("log"),
    typing: document.getElementById("typing"),
    error: document.getElementById("error"),
    errorText: document.getElementById("error-text"),
    retry: document.getElementById("retry"),
    form: document.getElementById("form"),
    input: document.getElementById("input"),
    send: document.getElementById("send"),
    notice: document.getElementById("notice"),
    restart: document.getElementById("restart"),
    close: document.getElementById("close"),
    privacy: document.getElementById("privacy"),
    announce: document.getElementById("announce")
  };

  // -- state kept for the browser tab: conversation id and transcript --------
  function newSession() {
    return { id: crypto.randomUUID(), transcript: [] };
  }
  function loadSession() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(STORE_KEY) || "null");
      if (saved && typeof saved.id === "string" && Array.isArray(saved.transcript)) return saved;
    } catch (e) { /* a corrupt entry starts a new conversation */ }
    return newSession();
  }
  function saveSession() {
    try { sessionStorage.setItem(STORE_KEY, JSON.stringify(session)); } catch (e) { /* storage full or off */ }
  }
  var session = loadSession();
  var pending = null; // the last message that failed, for Retry

  // -- rendering: text nodes only, links by a strict pattern ----------------
  var LINK = /\b(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]|mailto:[^\s<>"']+[^\s<>"'.,;:!?)\]])/g;
  function appendText(node, text) {
    var last = 0, match;
    LINK.lastIndex = 0;
    while ((match = LINK.exec(text)) !== null) {
      node.appendChild(document.createTextNode(text.slice(last, match.index)));
      var a = document.createElement("a");
      a.href = match[0];
      a.textContent = match[0];
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      node.appendChild(a);
      last = match.index + match[0].length;
    }
    node.appendChild(document.createTextNode(text.slice(last)));
  }

  function render(entry, live) {
    var bubble = document.createElement("div");
    bubble.className = "msg msg--" + (entry.from === "user" ? "user" : "bot");
    var who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = entry.from === "user" ? "You: " : "Advisor: ";
    bubble.appendChild(who);
    if (entry.from === "user") bubble.appendChild(document.createTextNode(entry.text));
    else appendText(bubble, entry.text);
    el.log.appendChild(bubble);
    if (entry.rate && entry.replyTo) el.log.appendChild(feedbackFor(entry));
    if (entry.buttons && entry.buttons.length && live) {
      var group = document.createElement("div");
      group.className = "replies";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Suggested questions");
      entry.buttons.forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = String(b.title);
        button.addEventListener("click", function () { send(String(b.payload), String(b.title)); });
        group.appendChild(button);
      });
      el.log.appendChild(group);
    }
    el.log.scrollTop = el.log.scrollHeight;
  }

  function renderAll() {
    el.log.textContent = "";
    var last = session.transcript.length - 1;
    session.transcript.forEach(function (entry, i) { render(entry, i === last); });
  }

  function add(entry) {
    // Suggestions belong to the latest answer only: drop older ones from view.
    Array.prototype.forEach.call(el.log.querySelectorAll(".replies"), function (g) { g.remove(); });
    session.transcript.push(entry);
    saveSession();
    render(entry, true);
  }

  // -- feedback on an answer: Helpful / Not helpful, then what was missing --------
  var feedbackCount = 0;
  function announce(text) {
    el.announce.textContent = "";
    setTimeout(function () { el.announce.textContent = text; }, 50);  // a change, so it is read again
  }
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function feedbackFor(entry) {
    var n = ++feedbackCount;
    var box = element("div", "feedback");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Was this answer helpful?");
    var buttons = {};
    [["helpful", "Helpful"], ["not_helpful", "Not helpful"]].forEach(function (choice) {
      var button = element("button", "feedback__choice", choice[1]);
      button.type = "button";
      button.addEventListener("click", function () { rate(choice[0], null); });
      buttons[choice[0]] = button;
      box.appendChild(button);
    });

    var problem = element("p", "feedback__error");
    problem.setAttribute("role", "status");
    var problemText = element("span");
    var retry = element("button", "", "Retry");
    retry.type = "button";
    problem.appendChild(problemText);
    problem.appendChild(retry);
    box.appendChild(problem);

    var more = element("form", "feedback__more");
    var label = element("label", "", "What were you looking for? (optional)");
    label.htmlFor = "feedback-comment-" + n;
    var comment = element("textarea");
    comment.id = label.htmlFor;
    comment.rows = 2;
    comment.maxLength = MAX_COMMENT_CHARS;
    var count = element("span", "feedback__count");
    count.id = "feedback-count-" + n;
    comment.setAttribute("aria-describedby", count.id);
    var submit = element("button", "", "Send feedback");
    submit.type = "submit";
    [label, comment, count, submit].forEach(function (node) { more.appendChild(node); });
    box.appendChild(more);

    var offer = element("p", "feedback__offer");
    box.appendChild(offer);

    function counted() { count.textContent = comment.value.length + " / " + MAX_COMMENT_CHARS + " characters"; }
    comment.addEventListener("input", counted);
    more.addEventListener("submit", function (event) {
      event.preventDefault();
      rate("not_helpful", comment.value.trim() || null);
    });

    var retryWith = null;
    retry.addEventListener("click", function () { if (retryWith) retryWith(); });

    function show() {
      Object.keys(buttons).forEach(function (r) { buttons[r].setAttribute("aria-pressed", String(entry.rating === r)); });
      more.hidden = entry.rating !== "not_helpful" || Boolean(entry.commented);
      offer.hidden = !entry.offer;
      offer.textContent = "";
      if (entry.offer) appendText(offer, String(entry.offer));
      problem.hidden = retryWith === null;
      counted();
    }

    function rate(rating, text) {
      var body = { sender: session.id, message_id: entry.replyTo, rating: rating };
      if (text) body.comment = text;
      retryWith = null;
      show();
      fetch("feedback", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body)
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (reply) {
          if (!response.ok) throw new Error(reply && reply.error ? reply.error : "");
          return reply;
        });
      }).then(function (reply) {
        entry.rating = rating;
        if (text) entry.commented = true;
        if (reply.offer) entry.offer = String(reply.offer);
        saveSession();
        show();
        announce("Thanks, your feedback was sent.");
        if (rating === "not_helpful" && !text && !more.hidden) comment.focus();
      }).catch(function (err) {
        problemText.textContent = (err && err.message && err.message !== "Failed to fetch" ? err.message :
          "Your feedback couldn't be sent just now.") + " ";
        retryWith = function () { rate(rating, text); };
        show();
      });
    }

    show();
    return box;
  }

  function greet() {
    add({ from: "bot", text: options.greeting, buttons: [] });
  }

  // -- talking to the bot -----------------------------------------------------
  function setBusy(busy) {
    el.typing.hidden = !busy;
    el.send.disabled = busy;
  }

  function showError(text) {
    el.errorText.textContent = text;
    el.error.hidden = false;
  }

  function send(payload, shown) {
    el.notice.textContent = "";
    if (payload.length > MAX_CHARS) {
      el.notice.textContent = "Messages are limited to " + MAX_CHARS.toLocaleString("en") +
        " characters; yours has " + payload.length.toLocaleString("en") + ".";
      return;
    }
    add({ from: "user", text: shown });
    deliver(payload);
  }

  function deliver(payload) {
    pending = payload;
    el.error.hidden = true;
    setBusy(true);
    fetch("webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(options.contactUrl ?
        { sender: session.id, message: payload, metadata: { contact_url: options.contactUrl } } :
        { sender: session.id, message: payload })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) throw new Error(body && body.error ? body.error : "The advisor can't be reached right now.");
        return body;
      });
    }).then(function (messages) {
      pending = null;
      var shown = (Array.isArray(messages) ? messages : []).filter(function (m) { return m && (m.text || m.buttons); });
      shown.forEach(function (m, i) {
        // One rating per answer: under its last message, naming the visitor message it answered.
        add({ from: "bot", text: String(m.text || ""), buttons: m.buttons || [],
              replyTo: typeof m.in_reply_to === "string" ? m.in_reply_to : "", rate: i === shown.length - 1 });
      });
    }).catch(function (err) {
      showError(err && err.message && err.message !== "Failed to fetch" ? err.message :
        "The advisor can't be reached right now.");
    }).then(function () {
      setBusy(false);
    });
  }

  // -- controls ---------------------------------------------------------------
  el.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = el.input.value.trim();
    if (!text || !el.typing.hidden) return;
    if (text.length <= MAX_CHARS) el.input.value = "";
    send(text, text);
    el.input.focus();
  });
  el.input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      el.form.requestSubmit();
    }
  });
  el.input.addEventListener("input", function () {
    el.notice.textContent = el.input.value.length > MAX_CHARS ?
      "Messages are limited to " + MAX_CHARS.toLocaleString("en") + " characters." : "";
  });
  el.retry.addEventListener("click", function () { if (pending !== null) deliver(pending); });
  el.restart.addEventListener("click", function () {
    session = newSession();
    saveSession();
    el.log.textContent = "";
    el.error.hidden = true;
    greet();
    el.input.focus();
  });

  function closePanel() {
    if (window.parent !== window) window.parent.postMessage({ type: "career-advisor:close" }, "*");
  }
  el.close.addEventListener("click", closePanel);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closePanel();
  });
  var framed = window.parent !== window;
  if (!framed) el.close.hidden = true;

  // -- settings from the embed tag ----------------------------------------------
  // Only the parent window can send them (frame-ancestors limits who that is), once.
  var started = false;
  function text(value, max) {
    return typeof value === "string" && value.trim() ? value.trim().slice(0, max) : "";
  }
  function webUrl(value) {
    if (typeof value !== "string") return "";
    try {
      var url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.href.length <= MAX_URL_CHARS ? url.href : "";
    } catch (e) { return ""; }
  }
  function applySettings(data) {
    options.title = text(data.title, MAX_TITLE_CHARS) || options.title;
    options.greeting = text(data.greeting, MAX_GREETING_CHARS) || options.greeting;
    if (typeof data.color === "string") options.color = data.color;
    options.privacyUrl = webUrl(data.privacyUrl);
    options.contactUrl = webUrl(data.contactUrl);
  }
  function showPrivacy() {
    el.privacy.textContent = "Conversations are stored.";
    if (options.privacyUrl) {
      var link = document.createElement("a");
      link.href = options.privacyUrl;
      link.textContent = "Privacy notice";
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      el.privacy.appendChild(document.createTextNode(" "));
      el.privacy.appendChild(link);
    }
  }
  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || !event.data) return;
    if (event.data.type === "career-advisor:focus") el.input.focus();
    if (event.data.type === "career-advisor:settings" && !started) {
      applySettings(event.data);
      start();
    }
  });

  // -- start ------------------------------------------------------------------
  function start() {
    if (started) return;
    started = true;
    el.title.textContent = options.title;
    document.title = options.title;
    if (/^#[0-9a-fA-F]{3,8}$/.test(options.color)) {
      document.documentElement.style.setProperty("--accent", options.color);
    }
    showPrivacy();
    renderAll();
    if (!session.transcript.length) greet();
  }
  if (framed) {
    window.parent.postMessage({ type: "career-advisor:ready" }, "*");  // carries nothing
    setTimeout(start, SETTINGS_WAIT_MS);  // a parent that never answers: the defaults
  } else {
    start();
  }
}());
