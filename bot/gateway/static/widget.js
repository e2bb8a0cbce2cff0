// The resident's chat widget. Plain JavaScript, no build step.
(function () {
  "use strict";

  var chat = document.getElementById("chat");
  var log = document.getElementById("messages");
  var statusLine = document.getElementById("status");
  var handoffPanel = document.getElementById("handoff-status");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var sendButton = document.getElementById("send");
  var personButton = document.getElementById("talk-to-person");
  var downloadLink = document.getElementById("download-conversation");

  var PING_MS = 20000;
  var RETRY_MIN_MS = 1000;
  var RETRY_MAX_MS = 30000;

  var sessionId = null;
  var busy = false;
  var seen = {};          // seq -> true, for every message already on the page
  var lastSeq = 0;        // every seq up to this one is on the page
  var pendingEchoes = []; // the resident's own messages, shown before the gateway numbered them
  var handoff = null;
  var agentName = null;
  var live = null;
  var pingTimer = null;
  var retryTimer = null;
  var retries = 0;
  var erased = {};        // session id -> true, once the chat has ended because it was deleted

  var ERASED_TEXT = "Your conversation has been deleted, with everything stored about it. " +
    "You can start a new chat at any time.";

  var fallbackContact =
    "You can call " + chat.dataset.phone + " (" + chat.dataset.hours + "), " +
    "or contact us at " + chat.dataset.contactUrl + ".";

  function appendText(parent, text) {
    // Links in the text become real links, as does this site's own
    // transparency page; everything else stays text.
    var parts = String(text || "").split(/(https:\/\/[^\s<>"]+[^\s<>".,;:!?)]|(?<!\S)\/transparency(?!\.?[\w\/-]))/);
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

  function speakerLabel(message) {
    switch (message.from) {
      case "resident": return "You said:";
      case "agent": return (message.agent || "Someone") + " (contact team, a person) said:";
      case "system": return "Council chat said:";
      default: return "Assistant (AI) said:";
    }
  }

  function renderBody(item, message) {
    var text = String(message.text || "");
    var body = document.createElement("p");
    if (message.kind === "signposting") {
      // The first line says why the help lines follow; it stands out, the rest stays plain.
      var newline = text.indexOf("\n");
      var first = document.createElement("strong");
      appendText(first, newline === -1 ? text : text.slice(0, newline));
      body.appendChild(first);
      if (newline !== -1) { appendText(body, text.slice(newline + 1)); }
    } else {
      appendText(body, text);
    }
    // What a resident types may be in a right-to-left script.
    if (message.from === "resident") { body.setAttribute("dir", "auto"); }
    item.appendChild(body);
  }

  function renderTranslation(item, translation) {
    // The same words in the resident's language, in an element of their own
    // with its language and direction, so screen readers switch voice.
    var body = document.createElement("p");
    body.className = "translation";
    if (/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(String(translation.lang || ""))) {
      body.setAttribute("lang", translation.lang);
    }
    body.setAttribute("dir", translation.dir === "rtl" ? "rtl" : "ltr");
    appendText(body, translation.text);
    item.appendChild(body);
  }

  function renderSources(item, sources) {
    var line = document.createElement("p");
    line.className = "sources";
    line.appendChild(document.createTextNode("Source: "));
    sources.forEach(function (source, i) {
      if (i) { line.appendChild(document.createTextNode(", ")); }
      var a = document.createElement("a");
      a.href = source.url;
      a.textContent = source.title;
      line.appendChild(a);
    });
    item.appendChild(line);
  }

  function renderDownload(item, download) {
    // Only a conversation's own copy, on this site, is offered as a download.
    if (!/^\/api\/sessions\/[0-9a-f]{32}\/transcript$/.test(String(download.url || ""))) { return; }
    var line = document.createElement("p");
    line.className = "download";
    var a = document.createElement("a");
    a.href = download.url;
    a.setAttribute("download", "");
    a.textContent = download.title || "Download this conversation (text file)";
    line.appendChild(a);
    item.appendChild(line);
  }

  function renderChoices(item, buttons) {
    var list = document.createElement("ul");
    list.className = "choices";
    list.setAttribute("aria-label", "Suggested replies");
    buttons.forEach(function (choice) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = choice.title;
      button.addEventListener("click", function () {
        sendBody({ payload: choice.payload }, choice.title);
      });
      li.appendChild(button);
      list.appendChild(li);
    });
    item.appendChild(list);
  }

  // "Was this helpful?" under each answer from the council's pages. The
  // gateway says which messages may be rated (message.feedback.state); what
  // is stored is the topic, the section, yes or no and a reason code, never
  // which chat it came from.

  var feedbackReasons = null; // [{code, label}], from /api/feedback/reasons
  var feedbackCount = 0;      // makes the ids of each answer's controls unique on the page
  var FEEDBACK_THANKS = "Thank you for your feedback.";

  function loadFeedbackReasons() {
    return fetch("/api/feedback/reasons").then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      if (data && Array.isArray(data.reasons)) { feedbackReasons = data.reasons; }
    }).catch(function () { /* without the list, a "No" is thanked at once */ });
  }

  function feedbackButton(text, primary) {
    var button = document.createElement("button");
    button.type = primary ? "submit" : "button";
    if (!primary) { button.className = "secondary"; }
    button.textContent = text;
    return button;
  }

  function clearFeedback(box) {
    while (box.el.firstChild) { box.el.removeChild(box.el.firstChild); }
    box.el.removeAttribute("role");
    box.el.removeAttribute("aria-labelledby");
  }

  function sendFeedback(box, body, controls) {
    var pressed = document.activeElement;
    function failed(text) {
      // Usable again, and the focus back where the resident left it.
      controls.forEach(function (c) { c.disabled = false; });
      if (controls.indexOf(pressed) !== -1 && document.activeElement === document.body) { pressed.focus(); }
      statusLine.textContent = text;
      return null;
    }
    controls.forEach(function (c) { c.disabled = true; });
    return request("POST", "/api/sessions/" + encodeURIComponent(box.session) + "/feedback", body)
      .then(function (result) {
        if (result.ok) { return result.data.feedback ? result.data.feedback.state : "rated"; }
        if (result.status === 409) { return "rated"; } // already rated, in another tab say
        return failed(errorText(result));
      })
      .catch(function () {
        return failed("Sorry, your feedback couldn't be sent. Please try again.");
      });
  }

  function feedbackDone(box) {
    // A pressed button that was disabled while sending has left the focus
    // on the page's body: it goes to the message box, not back to the top.
    var active = document.activeElement;
    var hadFocus = !active || active === document.body || box.el.contains(active);
    clearFeedback(box);
    var thanks = document.createElement("p");
    thanks.className = "feedback-thanks";
    thanks.textContent = FEEDBACK_THANKS;
    box.el.appendChild(thanks);
    statusLine.textContent = FEEDBACK_THANKS;
    if (hadFocus) { input.focus(); }
  }

  function askWhy(box, moveFocus) {
    if (!feedbackReasons) {
      loadFeedbackReasons().then(function () {
        if (feedbackReasons) { askWhy(box, moveFocus); } else { feedbackDone(box); }
      });
      return;
    }
    if (!feedbackReasons.length) { feedbackDone(box); return; }
    clearFeedback(box);
    var reasonsForm = document.createElement("form");
    reasonsForm.className = "feedback-reasons";
    reasonsForm.noValidate = true;
    var fieldset = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.textContent = "Why did it not help? (optional)";
    fieldset.appendChild(legend);
    feedbackReasons.forEach(function (reason, i) {
      var row = document.createElement("div");
      row.className = "radio";
      var radio = document.createElement("input");
      radio.type = "radio";
      radio.name = box.id + "-reason";
      radio.id = box.id + "-reason-" + i;
      radio.value = reason.code;
      var label = document.createElement("label");
      label.htmlFor = radio.id;
      label.textContent = reason.label;
      row.appendChild(radio);
      row.appendChild(label);
      fieldset.appendChild(row);
    });
    reasonsForm.appendChild(fieldset);
    var actions = document.createElement("div");
    actions.className = "feedback-actions";
    var send = feedbackButton("Send", true);
    var skip = feedbackButton("Skip", false);
    actions.appendChild(send);
    actions.appendChild(skip);
    reasonsForm.appendChild(actions);
    box.el.appendChild(reasonsForm);
    var radios = Array.prototype.slice.call(fieldset.querySelectorAll("input"));

    reasonsForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = radios.filter(function (r) { return r.checked; })[0];
      if (!chosen) {
        statusLine.textContent = "Choose a reason, or choose Skip.";
        radios[0].focus();
        return;
      }
      sendFeedback(box, { seq: box.seq, helpful: false, reason: chosen.value }, radios.concat([send, skip]))
        .then(function (state) { if (state) { feedbackDone(box); } });
    });
    skip.addEventListener("click", function () { feedbackDone(box); });
    if (moveFocus) {
      statusLine.textContent = "Thank you. You can tell us why it did not help, or skip this.";
      radios[0].focus();
    }
  }

  function askHelpful(box) {
    var question = document.createElement("p");
    question.className = "feedback-question";
    question.id = box.id + "-question";
    question.textContent = "Was this helpful?";
    box.el.setAttribute("role", "group");
    box.el.setAttribute("aria-labelledby", question.id);
    var yes = feedbackButton("Yes", false);
    var no = feedbackButton("No", false);
    box.el.appendChild(question);
    box.el.appendChild(yes);
    box.el.appendChild(no);
    yes.addEventListener("click", function () {
      sendFeedback(box, { seq: box.seq, helpful: true }, [yes, no]).then(function (state) {
        if (state) { feedbackDone(box); }
      });
    });
    no.addEventListener("click", function () {
      sendFeedback(box, { seq: box.seq, helpful: false }, [yes, no]).then(function (state) {
        if (state === "awaiting_reason") { askWhy(box, true); } else if (state) { feedbackDone(box); }
      });
    });
  }

  function renderFeedback(item, seq, state) {
    // Only answers the gateway numbered and says may be rated: never system
    // messages, handovers or "not sure" replies.
    if (!sessionId || seq === null || (state !== "unrated" && state !== "awaiting_reason")) { return; }
    feedbackCount += 1;
    var box = { seq: seq, session: sessionId, id: "feedback-" + feedbackCount,
                el: document.createElement("div") };
    box.el.className = "feedback";
    item.appendChild(box.el);
    if (state === "awaiting_reason") { askWhy(box, false); } else { askHelpful(box); }
  }

  function place(item, seq) {
    // Messages go in seq order, whichever way (reply or live) they arrived first.
    if (typeof seq === "number") {
      var later = Array.prototype.find.call(log.children, function (li) {
        return li.dataset.seq && Number(li.dataset.seq) > seq;
      });
      if (later) { log.insertBefore(item, later); return; }
    }
    log.appendChild(item);
  }

  function markSeen(seq) {
    seen[seq] = true;
    while (seen[lastSeq + 1]) { lastSeq += 1; }
  }

  function addMessage(message, isError) {
    var seq = typeof message.seq === "number" ? message.seq : null;
    if (seq !== null) {
      if (seen[seq]) { return; }
      markSeen(seq);
    }
    if (message.from === "resident" && seq !== null && pendingEchoes.length) {
      // Already on the page as typed; now it has its number.
      pendingEchoes.shift().dataset.seq = String(seq);
      return;
    }
    if (message.agent && message.from !== "resident") {
      agentName = message.agent;
      if (handoff) { updateHandoff(handoff); }
    }

    var item = document.createElement("li");
    var mine = message.from === "resident";
    item.className = "msg " + (mine ? "you" : "bot") +
      (message.from && !mine ? " " + message.from : "") +
      (message.kind === "signposting" ? " signposting" : "") +
      (isError ? " error" : "");
    if (seq !== null) { item.dataset.seq = String(seq); }
    var label = document.createElement("span");
    label.className = "who";
    label.textContent = speakerLabel(message);
    item.appendChild(label);
    renderBody(item, message);
    if (message.translation && message.translation.text) { renderTranslation(item, message.translation); }
    if (message.sources && message.sources.length) { renderSources(item, message.sources); }
    if (message.download) { renderDownload(item, message.download); }
    if (message.buttons && message.buttons.length) { renderChoices(item, message.buttons); }
    if (message.feedback && message.from === "assistant") { renderFeedback(item, seq, message.feedback.state); }
    place(item, seq);
    item.scrollIntoView({ block: "end", behavior: "smooth" });
    return item;
  }

  function addMessages(messages) {
    (messages || []).forEach(function (m) { addMessage(m); });
  }

  function echo(text) {
    var item = addMessage({ from: "resident", text: text });
    pendingEchoes.push(item);
    return item;
  }

  function forget(item) {
    var i = pendingEchoes.indexOf(item);
    if (i !== -1) { pendingEchoes.splice(i, 1); }
  }

  function showError(text) {
    addMessage({ from: "assistant", text: text }, true);
  }

  // The handoff panel: where the resident stands in the queue, or who they are talking to.

  function nameOf(agent) {
    if (!agent) { return null; }
    return typeof agent === "string" ? agent : agent.name || null;
  }

  function handoffText(h) {
    if (!h) { return ""; }
    if (h.status === "waiting") {
      if (typeof h.position !== "number") { return "You're in the queue to talk to a person."; }
      var text = "You're number " + h.position + " in the queue.";
      if (typeof h.wait_minutes === "number") {
        var minutes = Math.max(1, Math.round(h.wait_minutes));
        text += " About " + minutes + (minutes === 1 ? " minute." : " minutes.");
      }
      return text;
    }
    if (h.status === "active") {
      var name = nameOf(h.agent) || agentName;
      return name ? "You are talking to " + name + " (a person)"
        : "You are talking to someone from the contact team (a person)";
    }
    return "";
  }

  function updateHandoff(h) {
    handoff = h || null;
    var text = handoffText(handoff);
    if (handoffPanel.textContent !== text) { handoffPanel.textContent = text; }
  }

  function withPerson() {
    return !!handoff && (handoff.status === "waiting" || handoff.status === "active");
  }

  // The live connection: catches up from the last seq on the page, then stays open.

  function stopLive() {
    clearInterval(pingTimer);
    clearTimeout(retryTimer);
    pingTimer = null;
    retryTimer = null;
    if (live) {
      var socket = live;
      live = null;
      socket.close();
    }
  }

  function scheduleReconnect() {
    clearTimeout(retryTimer);
    var delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * Math.pow(2, retries));
    retries += 1;
    retryTimer = setTimeout(connectLive, delay / 2 + Math.random() * delay / 2);
  }

  function connectLive() {
    stopLive();
    if (!sessionId || !("WebSocket" in window)) { return; }
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socketSession = sessionId;
    var socket = new WebSocket(scheme + location.host + "/api/sessions/" +
      encodeURIComponent(sessionId) + "/live?after=" + lastSeq);
    live = socket;
    socket.addEventListener("open", function () {
      pingTimer = setInterval(function () {
        if (socket.readyState === WebSocket.OPEN) { socket.send(JSON.stringify({ type: "ping" })); }
      }, PING_MS);
    });
    socket.addEventListener("message", function (event) {
      retries = 0;
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.type === "message" && frame.message) {
        addMessage(frame.message);
      } else if (frame.type === "handoff") {
        updateHandoff(frame.handoff);
      } else if (frame.type === "erased") {
        endChat(socketSession, null);
      }
    });
    socket.addEventListener("close", function (event) {
      if (live !== socket) { return; }
      live = null;
      clearInterval(pingTimer);
      // 4404: the gateway no longer knows this session; the next message starts a new one.
      if (event.code !== 4404) { scheduleReconnect(); }
    });
  }

  window.addEventListener("online", function () {
    if (sessionId && !live) { retries = 0; connectLive(); }
  });

  // The conversation's own copy, and its end when it is deleted.

  function showDownload() {
    if (sessionId) {
      downloadLink.href = "/api/sessions/" + encodeURIComponent(sessionId) + "/transcript";
      downloadLink.hidden = false;
    } else {
      downloadLink.removeAttribute("href");
      downloadLink.hidden = true;
    }
  }

  function endChat(endedSession, messages) {
    // Deleted: everything stored is gone, so the page keeps none of it either
    // (someone else may use this screen next). Typing again starts a new chat.
    if (!endedSession || erased[endedSession]) { return; }
    erased[endedSession] = true;
    if (sessionId === endedSession) {
      stopLive();
      sessionId = null;
    }
    seen = {};
    lastSeq = 0;
    pendingEchoes = [];
    agentName = null;
    updateHandoff(null);
    showDownload();
    while (log.firstChild) { log.removeChild(log.firstChild); }
    var final = (messages && messages.length) ? messages[0] : { from: "system", text: ERASED_TEXT };
    var item = addMessage({ from: final.from || "system", text: final.text || ERASED_TEXT, kind: "erased" });
    var again = document.createElement("button");
    again.type = "button";
    again.id = "start-again";
    again.textContent = "Start a new chat";
    again.addEventListener("click", function () {
      again.remove();
      start().then(function () { input.focus(); });
    });
    item.appendChild(again);
    again.focus();
  }

  // Sending.

  function setBusy(value) {
    busy = value;
    sendButton.disabled = value;
    personButton.disabled = value;
    statusLine.textContent = !value ? "" :
      withPerson() ? "Sending your message..." : "The assistant is replying...";
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
    // A new session numbers its messages from 1 again.
    stopLive();
    seen = {};
    lastSeq = 0;
    pendingEchoes = [];
    Array.prototype.forEach.call(log.querySelectorAll("[data-seq]"), function (li) {
      li.removeAttribute("data-seq");
    });
    updateHandoff(null);
    setBusy(true);
    return request("POST", "/api/sessions").then(function (result) {
      if (!result.ok) { showError(errorText(result)); return false; }
      sessionId = result.data.session_id;
      showDownload();
      addMessages(result.data.messages);
      if (result.data.handoff !== undefined) { updateHandoff(result.data.handoff); }
      retries = 0;
      connectLive();
      return true;
    }).catch(function () {
      showError("Sorry, the assistant isn't available right now. " + fallbackContact);
      return false;
    }).finally(function () { setBusy(false); });
  }

  function sendBody(body, shownAs, shownItem) {
    if (busy) { return; }
    if (!sessionId) {
      start().then(function (ok) { if (ok) { sendBody(body, shownAs); } });
      return;
    }
    var item = shownItem && shownItem.isConnected ? shownItem : echo(shownAs);
    if (item === shownItem) {
      // Sent again: moved below the error, and waiting for its number if
      // the gateway never stored it.
      log.appendChild(item);
      if (!item.dataset.seq && pendingEchoes.indexOf(item) === -1) { pendingEchoes.push(item); }
    }
    var sent = sessionId;
    setBusy(true);
    request("POST", "/api/sessions/" + sessionId + "/messages", body)
      .then(function (result) {
        if (result.ok && result.data.erased) {
          endChat(sent, result.data.messages);
          return;
        }
        if (erased[sent]) { return; }
        if (result.status === 404) {
          sessionId = null;
          showError("This chat had ended, so I've started a new one. Please ask your question again.");
          return start();
        }
        if (!result.ok) {
          if (result.status < 500) { forget(item); }
          else { notSent(item, body); }
          showError(result.status < 500 ? errorText(result) :
                    errorText(result) + " Your message is still in the box: press Send to try again.");
          return;
        }
        if (body.client_id) { unsent = null; }
        addMessages(result.data.messages);
        if (result.data.handoff !== undefined) { updateHandoff(result.data.handoff); }
      })
      .catch(function () {
        notSent(item, body);
        showError("Sorry, your message couldn't be sent. Check your connection, then press Send to " +
                  "try again. " + fallbackContact);
      })
      .finally(function () { setBusy(false); });
  }

  // A typed message keeps its id until it is answered: sent again after a
  // failure, the gateway stores it once and answers it once.
  var unsent = null;

  function newClientId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function sendText(text) {
    if (busy) { return; }
    var trimmed = text.trim();
    if (!trimmed) {
      statusLine.textContent = "Please type a question first.";
      input.focus();
      return;
    }
    var again = unsent && unsent.text === trimmed ? unsent : null;
    if (unsent && !again && unsent.item) { forget(unsent.item); }
    unsent = { text: trimmed, id: again ? again.id : newClientId(), item: again ? again.item : null };
    sendBody({ text: trimmed, client_id: unsent.id }, trimmed, unsent.item);
  }

  function notSent(item, body) {
    // The message stays on the page once, and goes back in the box ready
    // to send again with one press.
    if (unsent && body.client_id === unsent.id) { unsent.item = item; }
    if (body.text !== undefined && !input.value.trim()) { input.value = body.text; }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    if (text.trim() && !busy) { input.value = ""; }
    sendText(text);
    input.focus();
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  personButton.addEventListener("click", function () {
    sendBody({ payload: "/request_human" }, "Talk to a person");
  });

  loadFeedbackReasons();
  start();
})();
