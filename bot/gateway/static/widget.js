// The resident's chat widget. Plain JavaScript, no build step.
(function () {
  "use strict";

  var chat = document.getElementById("chat");
  var log = document.getElementById("log");
  var statusLine = document.getElementById("status");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var sendButton = document.getElementById("send");
  var personButton = document.getElementById("talk-to-person");
  var sessionId = null;
  var busy = false;

  var fallbackContact =
    "You can call " + chat.dataset.phone + " (" + chat.dataset.hours + "), " +
    "or contact us at " + chat.dataset.contactUrl + ".";

  function appendText(parent, text) {
    // Links in the assistant's text become real links; everything else stays text.
    var parts = text.split(/(https:\/\/[^\s<>"]+[^\s<>".,;:!?)])/);
    parts.forEach(function (part, i) {
      if (i % 2 === 1) {
        var a = document.createElement("a");
        a.href = part;
        a.textContent = part;
        parent.appendChild(a);
      } else if (part) {
        parent.appendChild(document.createTextNode(part));
      }
    });
  }

  function addMessage(who, message, isError) {
    var item = document.createElement("li");
    item.className = "msg " + (who === "you" ? "you" : "bot") + (isError ? " error" : "");
    var label = document.createElement("span");
    label.className = "who";
    label.textContent = who === "you" ? "You said:" : "Assistant (AI) said:";
    item.appendChild(label);
    var body = document.createElement("p");
    appendText(body, message.text);
    item.appendChild(body);

    if (message.sources && message.sources.length) {
      var sources = document.createElement("p");
      sources.className = "sources";
      sources.appendChild(document.createTextNode("Source: "));
      message.sources.forEach(function (source, i) {
        if (i) { sources.appendChild(document.createTextNode(", ")); }
        var a = document.createElement("a");
        a.href = source.url;
        a.textContent = source.title;
        sources.appendChild(a);
      });
      item.appendChild(sources);
    }

    if (message.buttons && message.buttons.length) {
      var list = document.createElement("ul");
      list.className = "choices";
      list.setAttribute("aria-label", "Suggested replies");
      message.buttons.forEach(function (choice) {
        var li = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = choice.title;
        button.addEventListener("click", function () { send(choice.payload, choice.title); });
        li.appendChild(button);
        list.appendChild(li);
      });
      item.appendChild(list);
    }
    log.appendChild(item);
    item.scrollIntoView({ block: "end", behavior: "smooth" });
  }

  function setBusy(value) {
    busy = value;
    sendButton.disabled = value;
    personButton.disabled = value;
    statusLine.textContent = value ? "The assistant is replying..." : "";
  }

  function showError(text) {
    addMessage("bot", { text: text }, true);
  }

  function request(method, url, body) {
    return fetch(url, {
      method: method,
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      });
    });
  }

  function errorText(result) {
    if (result.data && result.data.error && result.data.error.message) {
      return result.data.error.message;
    }
    return "Sorry, the assistant isn't available right now. " + fallbackContact;
  }

  function start() {
    setBusy(true);
    return request("POST", "/api/sessions").then(function (result) {
      if (!result.ok) { showError(errorText(result)); return false; }
      sessionId = result.data.session_id;
      result.data.messages.forEach(function (m) { addMessage("bot", m); });
      return true;
    }).catch(function () {
      showError("Sorry, the assistant isn't available right now. " + fallbackContact);
      return false;
    }).finally(function () { setBusy(false); });
  }

  function send(text, shownAs) {
    if (busy) { return; }
    var trimmed = text.trim();
    if (!trimmed) {
      statusLine.textContent = "Please type a question first.";
      input.focus();
      return;
    }
    if (!sessionId) {
      start().then(function (ok) { if (ok) { send(text, shownAs); } });
      return;
    }
    addMessage("you", { text: shownAs || trimmed });
    setBusy(true);
    request("POST", "/api/sessions/" + sessionId + "/messages", { text: trimmed })
      .then(function (result) {
        if (result.status === 404) {
          sessionId = null;
          showError("This chat had ended, so I've started a new one. Please ask your question again.");
          return start();
        }
        if (!result.ok) { showError(errorText(result)); return; }
        result.data.messages.forEach(function (m) { addMessage("bot", m); });
      })
      .catch(function () {
        showError("Sorry, your message couldn't be sent. Check your connection and try again. " + fallbackContact);
      })
      .finally(function () { setBusy(false); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    if (text.trim() && !busy) { input.value = ""; }
    send(text);
    input.focus();
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  personButton.addEventListener("click", function () { send("/request_human", "Talk to a person"); });

  start();
})();
