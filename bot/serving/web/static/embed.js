// Embed the career advisor on any page:
//   <script src="http://BOT_HOST/webhooks/widget/embed.js" async
//           data-title="…" data-greeting="…" data-color="#1f4e8c"
//           data-privacy-url="https://…" data-contact-url="https://…"></script>
// Adds a launcher button and opens the chat in an iframe served by the bot, so
// neither the host page nor the widget can read or restyle the other.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__careerAdvisorLoaded) return;
  window.__careerAdvisorLoaded = true;

  var base = new URL(".", script.src);        // where the widget lives
  var botOrigin = base.origin;
  var data = script.dataset;
  var color = /^#[0-9a-fA-F]{3,8}$/.test(data.color || "") ? data.color : "#1f4e8c";
  var title = data.title || "Career advisor";

  // Settings reach the chat by postMessage, addressed to the bot's origin, when the chat asks
  // for them: never in its URL, so a link to the chat page cannot put words in the advisor's mouth.
  var settings = { type: "career-advisor:settings", title: title, color: color };
  if (data.greeting) settings.greeting = data.greeting;
  // Links the chat shows: only http(s) addresses are passed on (the chat checks them again).
  function webUrl(value) {
    try {
      var url = new URL(value || "");
      return (url.protocol === "http:" || url.protocol === "https:") && url.href.length <= 300 ? url.href : "";
    } catch (e) { return ""; }
  }
  if (webUrl(data.privacyUrl)) settings.privacyUrl = webUrl(data.privacyUrl);
  if (webUrl(data.contactUrl)) settings.contactUrl = webUrl(data.contactUrl);

  // A shadow root keeps the host page's CSS off our launcher and frame.
  var host = document.createElement("div");
  host.setAttribute("data-career-advisor", "");
  var root = host.attachShadow({ mode: "open" });
  var style = document.createElement("style");
  style.textContent = [
    ":host { all: initial; }",
    ".launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483646; width: 60px; height: 60px;",
    "  border-radius: 50%; border: 0; cursor: pointer; background: " + color + "; color: #fff;",
    "  box-shadow: 0 4px 14px rgba(0,0,0,.3); display: flex; align-items: center; justify-content: center; }",
    ".launcher:focus-visible { outline: 3px solid #f5a300; outline-offset: 3px; }",
    ".launcher svg { width: 28px; height: 28px; fill: currentColor; }",
    ".frame { position: fixed; right: 20px; bottom: 92px; z-index: 2147483647; width: 380px; height: 560px; box-sizing: border-box;",
    "  max-width: calc(100vw - 40px); max-height: calc(100vh - 112px); border: 1px solid #c9ced6;",
    "  border-radius: 12px; box-shadow: 0 8px 30px rgba(0,0,0,.25); background: #fff; }",
    ".frame[hidden] { display: none; }",
    "@media (max-width: 480px) { .frame { right: 0; bottom: 0; width: 100vw; height: 100%; max-width: 100vw;",
    "  max-height: 100%; border: 0; border-radius: 0; } .open .launcher { display: none; } }"
  ].join("\n");
  root.appendChild(style);

  var wrap = document.createElement("div");
  root.appendChild(wrap);
  var launcher = document.createElement("button");
  launcher.type = "button";
  launcher.className = "launcher";
  launcher.setAttribute("aria-label", "Open chat");
  launcher.setAttribute("aria-expanded", "false");
  launcher.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16v11H7l-3 3z"/></svg>';
  wrap.appendChild(launcher);

  var frame = null;
  function open() {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.className = "frame";
      frame.title = title;
      frame.src = base.href;
      frame.setAttribute("referrerpolicy", "no-referrer");
      wrap.appendChild(frame);
      frame.addEventListener("load", function () { focusFrame(); });
    }
    frame.hidden = false;
    wrap.classList.add("open");
    launcher.setAttribute("aria-label", "Close chat");
    launcher.setAttribute("aria-expanded", "true");
    focusFrame();
  }
  function focusFrame() {
    if (!frame || frame.hidden) return;
    frame.focus();
    frame.contentWindow.postMessage({ type: "career-advisor:focus" }, botOrigin);
  }
  function close() {
    if (!frame) return;
    frame.hidden = true;
    wrap.classList.remove("open");
    launcher.setAttribute("aria-label", "Open chat");
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }
  launcher.addEventListener("click", function () { if (frame && !frame.hidden) close(); else open(); });
  window.addEventListener("message", function (event) {
    if (event.origin !== botOrigin || !frame || event.source !== frame.contentWindow || !event.data) return;
    if (event.data.type === "career-advisor:close") close();
    if (event.data.type === "career-advisor:ready") frame.contentWindow.postMessage(settings, botOrigin);
  });

  function mount() { document.body.appendChild(host); }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
}());
