// kizashi workbench: analysts' corrections on the event page, through the API
// (POST /api/v1/corrections with the bearer token the server was started with; the token is
// kept in sessionStorage for this tab only). Keyboard: "c" opens the panel and focuses its first
// field, Escape closes it, every control is a native form control (Enter submits).
(function () {
  "use strict";
  var panel = document.getElementById("corrections");
  if (!panel) return;
  var eventId = panel.getAttribute("data-event");
  var status = panel.querySelector(".correct-status");
  var token = document.getElementById("c-token");
  var author = document.getElementById("c-author");
  var note = document.getElementById("c-note");
  try {
    token.value = sessionStorage.getItem("kizashi.token") || "";
    author.value = localStorage.getItem("kizashi.author") || "";
  } catch (e) { /* storage may be disabled */ }

  function say(text, failed) {
    status.textContent = text;
    status.classList.toggle("error", !!failed);
  }

  function send(url, body) {
    try {
      sessionStorage.setItem("kizashi.token", token.value);
      localStorage.setItem("kizashi.author", author.value);
    } catch (e) { /* storage may be disabled */ }
    say("…", false);
    return fetch(url, {
      method: "POST",
      headers: {"Content-Type": "application/json", "Authorization": "Bearer " + token.value.trim()},
      body: JSON.stringify(body)
    }).then(function (resp) {
      return resp.json().then(function (data) { return {ok: resp.ok, data: data}; });
    }).then(function (r) {
      if (!r.ok) {
        var msg = (r.data && r.data.error && r.data.error.message) || "error";
        say(status.getAttribute("data-failed").replace("{msg}", msg), true);
        return;
      }
      say(status.getAttribute("data-done"), false);
      var ids = r.data.event_ids || [];
      var next = ids.indexOf(eventId) >= 0 ? eventId : ids[0];
      window.location.assign(next ? "/events/" + encodeURIComponent(next) : window.location.href);
    }).catch(function (e) { say(status.getAttribute("data-failed").replace("{msg}", e), true); });
  }

  function correction(action, extra) {
    var body = {action: action, author: author.value.trim() || "analyst"};
    if (note.value.trim()) body.note = note.value.trim();
    for (var k in extra) body[k] = extra[k];
    return send("/api/v1/corrections", body);
  }

  panel.addEventListener("submit", function (ev) {
    ev.preventDefault();                      // nothing here navigates: the API is called
    var form = ev.target.closest("form.correct-form");
    if (!form) return;
    var action = form.getAttribute("data-action");
    var field = form.querySelector("[name]");
    var value = field ? field.value.trim() : "";
    if (action === "type") return correction("type", {event_id: eventId, value: value});
    if (action === "actor" || action === "recipient") {
      var codes = value ? value.split(/[,、\s]+/).filter(Boolean) : [];
      return correction(action, {event_id: eventId, value: codes});
    }
    if (action === "merge") return correction("merge", {event_id: eventId, other_event_id: value});
    if (action === "note") {
      var body = {action: "note", author: author.value.trim() || "analyst", event_id: eventId,
                  note: value};
      return send("/api/v1/corrections", body);
    }
  });

  document.addEventListener("click", function (ev) {
    var b = ev.target.closest ? ev.target.closest("button.correct-wrong, button.correct-split, button.correct-revoke") : null;
    if (!b) return;
    if (!panel.open) panel.open = true;
    if (b.classList.contains("correct-revoke")) {
      var body = {author: author.value.trim() || "analyst"};
      if (note.value.trim()) body.note = note.value.trim();
      return send("/api/v1/corrections/" + b.getAttribute("data-correction") + "/revoke", body);
    }
    var mention = b.getAttribute("data-mention");
    if (b.classList.contains("correct-wrong")) return correction("wrong", {mention_id: mention});
    return correction("split", {event_id: eventId, mention_id: mention});
  });

  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA");
    if (ev.key === "c" && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      panel.open = true;
      (token.value ? author : token).focus();
      ev.preventDefault();
    } else if (ev.key === "Escape" && panel.open) {
      panel.open = false;
      panel.querySelector("summary").focus();
    }
  });
})();
