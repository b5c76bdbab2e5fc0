/*
 * The simulator's web page. Plain browser JavaScript, no framework, no build step, no external resources.
 * Everything it shows comes from the simulator's control API under /sim/... (see gladly-sim/README.md and
 * gladly-sim/UI-NEEDS.md for the shapes it reads).
 *
 * Safety rule: customer, bot and agent text is only ever put into the page as text nodes (textContent).
 * The single exception is a bot message of type HTML, which goes through sanitizeHtml(): it is parsed in an
 * inert document and rebuilt element by element from the whitelist of tags Gladly allows
 * (API.md §3.2); every other tag is dropped and every attribute not on the whitelist is dropped.
 */
(function () {
  'use strict';

  var POLL_MILLIS = 500;
  var MAX_DELIVERIES_SHOWN = 200;

  // ---------------------------------------------------------------- small helpers

  function $(id) { return document.getElementById(id); }

  /** Creates an element; attrs are set as attributes (never innerHTML); children are nodes or strings. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) { return; }
        if (k === 'text') { node.textContent = String(v); }
        else if (k === 'className') { node.className = v; }
        else if (k === 'onclick') { node.addEventListener('click', v); }
        else { node.setAttribute(k, v === true ? '' : String(v)); }
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) { return; }
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function first() {
    for (var i = 0; i < arguments.length; i++) {
      if (arguments[i] !== undefined && arguments[i] !== null) { return arguments[i]; }
    }
    return undefined;
  }

  function shortId(id) {
    if (!id) { return ''; }
    id = String(id);
    return id.length > 10 ? id.slice(0, 8) + '…' : id;
  }

  function fmtTime(t) {
    if (!t) { return ''; }
    var d = new Date(t);
    if (isNaN(d.getTime())) { return String(t); }
    return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z').slice(11);
  }

  function asArray(x, key) {
    if (Array.isArray(x)) { return x; }
    if (x && key && Array.isArray(x[key])) { return x[key]; }
    if (x && Array.isArray(x.items)) { return x.items; }
    return [];
  }

  /** fetch + JSON; throws Error(detail) with Gladly's error body detail when not ok. */
  function api(method, path, body) {
    var init = { method: method, headers: { 'Accept': 'application/json' }, cache: 'no-store' };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (res) {
      return res.text().then(function (text) {
        var json = null;
        if (text) { try { json = JSON.parse(text); } catch (e) { json = null; } }
        if (!res.ok) {
          var detail = null;
          if (json && json.errors && json.errors.length) {
            var e0 = json.errors[0];
            detail = [e0.attr, e0.code, e0.detail].filter(Boolean).join(': ');
          }
          var err = new Error(method + ' ' + path + ' → ' + res.status + (detail ? ' (' + detail + ')' : ''));
          err.status = res.status;
          throw err;
        }
        return json;
      });
    });
  }

  // ---------------------------------------------------------------- HTML message sanitizer

  // Gladly's allowed tags for HTML automation messages (API.md §3.2) and their allowed attributes.
  var ALLOWED_TAGS = {
    a: ['href', 'target', 'rel'], h1: [], h2: [], h3: [], hr: [], br: [], div: [], span: [], p: [],
    strong: [], em: [], b: [], i: [], u: [], s: [], blockquote: [], pre: [],
    ul: ['type'], ol: ['type'], li: ['type', 'value'], dl: [], dt: [], dd: []
  };
  // Dropped with everything inside them (their text is not content a customer should see).
  var DROP_WITH_CONTENT = {
    script: 1, style: 1, iframe: 1, object: 1, embed: 1, template: 1, noscript: 1, textarea: 1,
    select: 1, title: 1, head: 1, svg: 1, math: 1, frameset: 1, frame: 1, applet: 1, noembed: 1, xmp: 1
  };
  var SAFE_URL = /^(https?:|mailto:|tel:)/i;

  /** Returns a DocumentFragment built only from whitelisted elements, attributes and text nodes. */
  function sanitizeHtml(html) {
    var out = document.createDocumentFragment();
    var doc;
    try {
      // DOMParser documents are inert: no scripts run, no images or other resources load.
      doc = new DOMParser().parseFromString('<!doctype html><body>' + String(html), 'text/html');
    } catch (e) {
      out.appendChild(document.createTextNode(String(html)));
      return out;
    }
    copyChildren(doc.body, out, 0);
    return out;
  }

  function copyChildren(from, to, depth) {
    if (depth > 32) { return; }
    for (var n = from.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) { // text
        to.appendChild(document.createTextNode(n.nodeValue));
      } else if (n.nodeType === 1) {
        var tag = n.nodeName.toLowerCase();
        if (DROP_WITH_CONTENT[tag]) { continue; }
        if (Object.prototype.hasOwnProperty.call(ALLOWED_TAGS, tag)) {
          var copy = document.createElement(tag);
          ALLOWED_TAGS[tag].forEach(function (attr) {
            if (!n.hasAttribute(attr)) { return; }
            var v = n.getAttribute(attr);
            if (attr === 'href') {
              v = v.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
              if (!SAFE_URL.test(v)) { return; }
            }
            if (attr === 'target' && !/^_(blank|self|parent|top)$/.test(v)) { return; }
            if ((attr === 'type' || attr === 'value') && !/^[A-Za-z0-9]{1,8}$/.test(v)) { return; }
            copy.setAttribute(attr, v);
          });
          if (tag === 'a') {
            // links always open outside the simulator page and never get the opener
            copy.setAttribute('target', '_blank');
            copy.setAttribute('rel', 'noopener noreferrer nofollow');
          }
          copyChildren(n, copy, depth + 1);
          to.appendChild(copy);
        } else {
          // not allowed: the tag is stripped, its text stays
          copyChildren(n, to, depth + 1);
        }
      }
    }
  }

  // ---------------------------------------------------------------- reference data (entry points, customers, names)

  var entryPoints = [];
  var customers = [];
  var orgKeys = [];
  var currentOrg = null; // set only when the seed has several organizations (control API ?org=)

  /** The control API path for the organization shown (the default organization needs no parameter). */
  function withOrg(path, org) {
    var key = org === undefined ? currentOrg : org;
    if (!key) { return path; }
    return path + (path.indexOf('?') < 0 ? '?' : '&') + 'org=' + encodeURIComponent(key);
  }
  var names = {}; // id -> display name (inboxes, agents, topics, customers, webhooks)
  var namesVersion = 0; // bumped when names arrive, so that panels re-render with them

  function remember(list) {
    asArray(list).forEach(function (x) {
      if (x && x.id) { names[x.id] = x.name || x.email || x.emailAddress || x.id; }
    });
  }

  function normalizeCustomer(c, org) {
    var email = first(c.email, c.emailAddress, c.emails && c.emails[0] && c.emails[0].original);
    var phone = first(c.phone, c.phoneNumber, c.phones && c.phones[0] && c.phones[0].original);
    return { id: c.id, name: c.name, email: email, phone: phone, organization: first(c.organization, org) };
  }

  /**
   * Entry points, customers and the names of inboxes, agents and topics, from GET /sim/organizations (each
   * organization with entryPoints and, where the simulator provides them, customers, inboxes, agents, topics).
   */
  function loadReferenceData() {
    return api('GET', '/sim/organizations').then(function (orgs) {
      var list = asArray(orgs, 'organizations');
      var eps = [];
      var custs = [];
      orgKeys = list.map(function (o) { return o.key; });
      fillOrgs();
      list.forEach(function (o) {
        var key = list.length > 1 ? o.key : undefined;
        asArray(o.entryPoints).forEach(function (ep) { eps.push(Object.assign({ organization: key }, ep)); });
        asArray(o.customers).forEach(function (c) { custs.push(normalizeCustomer(c, key)); });
        remember(o.inboxes); remember(o.agents); remember(o.topics); remember(o.customers);
      });
      entryPoints = eps;
      customers = custs;
      namesVersion++;
      fillEntryPoints();
      fillCustomers();
      updateInboundForm();
    }).catch(function (e) { showPollError('organizations: ' + e.message); });
  }

  function fillOrgs() {
    var sel = $('org');
    $('org-picker').hidden = orgKeys.length < 2;
    if (orgKeys.length < 2) { currentOrg = null; return; }
    if (!currentOrg || orgKeys.indexOf(currentOrg) < 0) { currentOrg = orgKeys[0]; }
    clear(sel);
    orgKeys.forEach(function (k) { sel.appendChild(el('option', { value: k, text: k })); });
    sel.value = currentOrg;
  }

  function switchOrg() {
    currentOrg = $('org').value || null;
    lastPanelKeys = {}; details = {}; expanded = {}; highlighted = null;
    $('inbound-result').hidden = true;
    fillEntryPoints();
    fillCustomers();
    tick();
  }

  function inCurrentOrg(x) { return !currentOrg || !x.organization || x.organization === currentOrg; }

  function epLabel(ep) {
    var label = (ep.name || ep.address) + ' — ' + ep.address;
    if (ep.type === 'CHAT') { label += ep.automation ? ' (automation)' : ' (no automation)'; }
    else { label += ' (' + ep.type + ')'; }
    return label;
  }

  function fillEntryPoints() {
    var chatSel = $('entry-point');
    var inSel = $('inbound-to');
    var chatKeep = chatSel.value;
    var inKeep = inSel.value;
    clear(chatSel);
    clear(inSel);
    entryPoints.filter(inCurrentOrg).forEach(function (ep) {
      var type = String(ep.type || '').toUpperCase();
      var opt = el('option', { value: ep.address, 'data-type': type, text: epLabel(ep) });
      if (type === 'CHAT') { chatSel.appendChild(opt); }
      else if (type === 'EMAIL' || type === 'SMS') { inSel.appendChild(opt); }
    });
    if (!chatSel.options.length) { chatSel.appendChild(el('option', { value: '', disabled: true, text: '(no chat entry point)' })); }
    if (!inSel.options.length) { inSel.appendChild(el('option', { value: '', disabled: true, text: '(no email or SMS entry point)' })); }
    if (chatKeep) { chatSel.value = chatKeep; }
    if (inKeep) { inSel.value = inKeep; }
    updateInboundForm();
  }

  function fillCustomers() {
    var sel = $('customer');
    var keep = sel.value;
    clear(sel);
    customers.filter(inCurrentOrg).forEach(function (c) {
      sel.appendChild(el('option', {
        value: c.email || '', 'data-name': c.name || '', 'data-phone': c.phone || '',
        text: (c.name || '(no name)') + ' <' + (c.email || c.phone || '') + '>'
      }));
    });
    sel.appendChild(el('option', { value: '', text: 'Another customer…' }));
    if (keep) { sel.value = keep; }
    updateCustomerFields();
  }

  function updateCustomerFields() {
    var other = $('customer').value === '';
    $('new-customer-fields').hidden = !other;
  }

  function selectedInboundType() {
    var opt = $('inbound-to').selectedOptions[0];
    return opt ? opt.getAttribute('data-type') : 'EMAIL';
  }

  function updateInboundForm() {
    var type = selectedInboundType();
    $('inbound-subject-label').hidden = type === 'SMS';
    var from = $('inbound-from');
    from.placeholder = type === 'SMS' ? 'phone number, e.g. +17244895501' : 'email address';
    if (!from.value || from.dataset.auto === '1') {
      var c = customers.filter(inCurrentOrg)[0];
      from.value = c ? (type === 'SMS' ? (c.phone || '') : (c.email || '')) : '';
      from.dataset.auto = '1';
    }
  }

  // ---------------------------------------------------------------- chat widget

  var chat = null; // { conversationId, sessionId, customerId, entryPoint, customer }
  var answeredMenus = {}; // menu message id -> true once picked
  var lastTranscriptKey = null;

  function setChatError(msg) {
    var box = $('chat-error');
    box.textContent = msg || '';
    box.hidden = !msg;
  }

  function startChat(ev) {
    ev.preventDefault();
    setChatError(null);
    var entryPoint = $('entry-point').value;
    var sel = $('customer');
    var email, name;
    if (sel.value) {
      email = sel.value;
      name = sel.selectedOptions[0].getAttribute('data-name') || undefined;
    } else {
      email = $('customer-email').value.trim();
      name = $('customer-name').value.trim() || undefined;
    }
    if (!entryPoint) { setChatError('Pick an entry point.'); return; }
    if (!email) { setChatError('Pick a customer or type an email address.'); return; }
    $('start-chat').disabled = true;
    var org = currentOrg;
    api('POST', withOrg('/sim/customer/chats', org), { entryPoint: entryPoint, customer: { email: email, name: name } })
      .then(function (res) {
        openChat({
          org: org || null,
          conversationId: res.conversationId, sessionId: res.sessionId, customerId: res.customerId,
          entryPoint: entryPoint, customer: name ? name + ' <' + email + '>' : email
        });
      })
      .catch(function (e) { setChatError(e.message); })
      .then(function () { $('start-chat').disabled = false; });
  }

  function openChat(c) {
    chat = c;
    answeredMenus = {};
    lastTranscriptKey = null;
    try { sessionStorage.setItem('sim-ui-chat', JSON.stringify(c)); } catch (e) { /* ignore */ }
    sessionNote = { key: null, description: null };
    $('chat-start-form').hidden = true;
    $('chat-widget').hidden = false;
    $('chat-title').textContent = c.customer + ' → ' + c.entryPoint;
    $('chat-ids').textContent = 'conversation ' + c.conversationId +
      (c.sessionId ? ' · session ' + c.sessionId : ' · no automation session');
    $('chat-widget').setAttribute('data-conversation-id', c.conversationId || '');
    $('chat-widget').setAttribute('data-session-id', c.sessionId || '');
    clear($('chat-messages'));
    clear($('chat-notices'));
    $('chat-notices').removeAttribute('data-key');
    $('typing-indicator').hidden = true;
    $('chat-input').disabled = false;
    $('chat-send').disabled = false;
    $('chat-input').focus();
    pollChat();
  }

  function leaveChat() {
    chat = null;
    try { sessionStorage.removeItem('sim-ui-chat'); } catch (e) { /* ignore */ }
    $('chat-widget').hidden = true;
    $('chat-start-form').hidden = false;
    setChatError(null);
  }

  function sendChat(ev) {
    ev.preventDefault();
    if (!chat) { return; }
    var input = $('chat-input');
    var text = input.value;
    if (!text.trim()) { return; }
    input.value = '';
    postChatMessage({ text: text });
  }

  function pickMenuItem(menuMessageId, itemId) {
    if (!chat) { return; }
    answeredMenus[menuMessageId] = itemId;
    lastTranscriptKey = null; // re-render so the menu shows as answered
    postChatMessage({ menuItemId: itemId });
  }

  function postChatMessage(body) {
    var conv = chat.conversationId;
    setChatError(null);
    api('POST', withOrg('/sim/customer/chats/' + encodeURIComponent(conv) + '/messages', chat.org || null), body)
      .then(function () { return pollChat(); })
      .catch(function (e) { setChatError(e.message); });
  }

  function messageSender(m) {
    var s = (m.from && m.from.type) || (typeof m.from === 'string' ? m.from : null) || m.fromType || m.sender ||
      (m.initiator && m.initiator.type) || (m.direction === 'INBOUND' ? 'CUSTOMER' : '');
    s = String(s || 'AUTOMATION').toUpperCase();
    return s === 'BOT' ? 'AUTOMATION' : s;
  }

  function messageText(m) {
    var c = m.content;
    if (c === null || c === undefined) { return first(m.text, m.value, m.body, ''); }
    if (typeof c === 'string') { return c; }
    return first(c.value, c.body, c.text, c.content, '');
  }

  function senderLabel(s) {
    if (s === 'CUSTOMER') { return 'You'; }
    if (s === 'AUTOMATION' || s === 'API') { return 'Sidekick'; }
    if (s === 'AGENT') { return 'Agent'; }
    return s.charAt(0) + s.slice(1).toLowerCase();
  }

  function renderMessage(m, isClosed) {
    var sender = messageSender(m);
    var type = String(m.type || (m.content && m.content.type) || 'TEXT').toUpperCase();
    var at = first(m.createdAt, m.at, m.timestamp);
    if (sender === 'SYSTEM') {
      // what the chat widget itself tells the customer: hand-off, end of the chat, idle close
      return el('li', {
        className: 'msg system type-' + type.toLowerCase(), 'data-testid': 'system-notice',
        'data-message-id': m.id || '', 'data-sender': sender, 'data-type': type
      }, [el('span', { text: messageText(m) }), at ? el('span', { className: 'muted', text: ' · ' + fmtTime(at) }) : null]);
    }
    var li = el('li', {
      className: 'msg from-' + sender.toLowerCase() + ' type-' + type.toLowerCase(),
      'data-testid': 'chat-message', 'data-message-id': m.id || '', 'data-sender': sender,
      'data-type': type
    });
    li.appendChild(el('div', { className: 'msg-meta' }, [senderLabel(sender) + (at ? ' · ' + fmtTime(at) : '')]));
    var bubble = el('div', { className: 'bubble', 'data-testid': 'message-body' });
    if (type === 'HTML') {
      bubble.classList.add('html');
      bubble.appendChild(sanitizeHtml(messageText(m)));
    } else if (type === 'MENU') {
      var c = m.content && typeof m.content === 'object' ? m.content : {};
      bubble.appendChild(el('div', { className: 'menu-prompt', 'data-testid': 'menu-prompt', text: first(c.prompt, m.text, '') }));
      var picked = answeredMenus[m.id];
      var items = el('div', { className: 'menu-items', 'data-testid': 'menu' });
      asArray(c.menuItems || m.menuItems).forEach(function (item) {
        var b = el('button', {
          type: 'button', className: 'menu-item' + (picked === item.id ? ' picked' : ''),
          'data-testid': 'menu-item', 'data-menu-item-id': item.id, text: item.label
        });
        if (picked !== undefined || (isClosed && sender === 'AUTOMATION')) { b.disabled = true; }
        else { b.addEventListener('click', function () { pickMenuItem(m.id, item.id); }); }
        items.appendChild(b);
      });
      bubble.appendChild(items);
    } else {
      bubble.textContent = messageText(m);
    }
    li.appendChild(bubble);
    return li;
  }

  function readChatState(t) {
    var state = Array.isArray(t) ? { messages: t } : (t || {});
    var messages = asArray(state.messages || state.transcript || []);
    var status = String(first(state.sessionState, state.state, (state.status && state.status.value) || state.status, '')).toUpperCase();
    var target = state.target && (state.target.targetType || state.target.type);
    var handedOff = !!(state.handedOff === true || state.handedOffAt || status === 'HANDED_OFF' || status === 'HANDOFF' ||
      (target && String(target).toUpperCase() === 'AGENT'));
    var closed = !!(state.closed || state.closedAt || status === 'CLOSED' || status === 'IDLE_CLOSED');
    var typingRaw = first(state.typing, state.typingIndicator, state.typingState, '');
    var typing = typingRaw === true || String(typingRaw).toUpperCase() === 'STARTED';
    return {
      sessionId: state.sessionId, status: status,
      messages: messages, handedOff: handedOff, closed: closed, typing: typing && !closed,
      handoffDescription: first(state.handoffDescription, state.handedOffDescription,
        state.handoff && state.handoff.description, handedOff && !closed ? state.description : undefined),
      closeDescription: first(state.closeDescription, state.closedDescription, state.close && state.close.description,
        closed ? state.description : undefined),
      closeReason: first(state.closeReason, state.closedReason, status === 'IDLE_CLOSED' ? 'IDLE' : undefined)
    };
  }

  var sessionNote = { key: null, description: null }; // the bot's hand-off/close description, for the operator

  function renderChat(t) {
    var s = readChatState(t);
    var botMenusOff = s.closed || s.handedOff;
    var key = JSON.stringify([s.messages, botMenusOff]);
    if (key !== lastTranscriptKey) {
      lastTranscriptKey = key;
      var list = $('chat-messages');
      var atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 20;
      clear(list);
      s.messages.forEach(function (m) { list.appendChild(renderMessage(m, botMenusOff)); });
      if (atBottom) { list.scrollTop = list.scrollHeight; }
    }
    $('typing-indicator').hidden = !s.typing;
    if (s.sessionId && chat && !chat.sessionId) {
      chat.sessionId = s.sessionId;
      $('chat-widget').setAttribute('data-session-id', s.sessionId);
    }
    // the description the bot gave with its hand-off or close is not shown to customers; the simulator's
    // operator sees it here (from GET /sim/sessions/{id})
    var noteKey = (s.handedOff || s.closed) && s.sessionId ? s.sessionId + '/' + s.status + '/' + s.handedOff : null;
    if (noteKey && noteKey !== sessionNote.key) {
      sessionNote = { key: noteKey, description: first(s.handoffDescription, s.closeDescription, null) };
      if (!sessionNote.description) {
        api('GET', withOrg('/sim/sessions/' + encodeURIComponent(s.sessionId), (chat && chat.org) || null)).then(function (session) {
          if (sessionNote.key === noteKey && session) {
            sessionNote.description = session.description || null;
            renderNotices(s);
          }
        }).catch(function () { /* the notice stays without the description */ });
      }
    }
    renderNotices(s);
    $('chat-widget').setAttribute('data-state', s.closed ? 'closed' : (s.handedOff ? 'handed-off' : 'open'));
  }

  function renderNotices(s) {
    var notices = $('chat-notices');
    var description = sessionNote.description;
    var key = JSON.stringify([s.handedOff, s.closed, s.closeReason, description]);
    if (notices.getAttribute('data-key') === key) { return; }
    notices.setAttribute('data-key', key);
    clear(notices);
    if (s.handedOff) {
      notices.appendChild(el('div', { className: 'notice handoff', id: 'handoff-notice', 'data-testid': 'handoff-notice' }, [
        el('strong', { text: 'Handed off to an agent.' }), ' ',
        description ? el('span', { className: 'muted', text: 'Bot\'s hand-off note: ' }) : null,
        description ? el('span', { 'data-testid': 'handoff-description', text: description }) : null
      ]));
    } else if (s.closed) {
      var idle = s.closeReason && String(s.closeReason).toUpperCase() === 'IDLE';
      notices.appendChild(el('div', { className: 'notice closed', id: 'close-notice', 'data-testid': 'close-notice' }, [
        el('strong', { text: idle ? 'The bot session closed after 5 minutes without activity.' : 'The bot closed the session.' }),
        ' ',
        description && !idle ? el('span', { className: 'muted', text: 'Its note: ' }) : null,
        description && !idle ? el('span', { 'data-testid': 'close-description', text: description }) : null,
        el('div', { className: 'muted small', text: 'Writing again starts a new session.' })
      ]));
    }
  }

  function pollChat() {
    if (!chat) { return Promise.resolve(); }
    var conv = chat.conversationId;
    return api('GET', withOrg('/sim/customer/chats/' + encodeURIComponent(conv) + '/messages', chat.org || null))
      .then(function (t) { if (chat && chat.conversationId === conv) { renderChat(t); } })
      .catch(function (e) {
        // a chat restored from sessionStorage after a reset no longer exists
        if (e.status === 404 && chat && chat.conversationId === conv) { leaveChat(); return; }
        throw e;
      });
  }

  // ---------------------------------------------------------------- email / SMS form

  function sendInbound(ev) {
    ev.preventDefault();
    var type = selectedInboundType();
    var to = $('inbound-to').value;
    var from = $('inbound-from').value.trim();
    var body = $('inbound-body').value;
    var result = $('inbound-result');
    result.hidden = true;
    var req = type === 'SMS'
      ? api('POST', withOrg('/sim/customer/sms'), { from: from, to: to, body: body })
      : api('POST', withOrg('/sim/customer/emails'), { from: from, to: to, subject: $('inbound-subject').value, body: body });
    $('inbound-send').disabled = true;
    req.then(function (res) {
      var id = res && (res.conversationId || res.id);
      result.className = 'result ok';
      result.textContent = (type === 'SMS' ? 'SMS' : 'Email') + ' received' + (id ? ' in conversation ' + id : '') + '.';
      result.setAttribute('data-conversation-id', id || '');
      result.hidden = false;
      highlighted = id || null;
      $('inbound-body').value = '';
      return pollPanels();
    }).catch(function (e) {
      result.className = 'result error';
      result.textContent = e.message;
      result.removeAttribute('data-conversation-id');
      result.hidden = false;
    }).then(function () { $('inbound-send').disabled = false; });
  }

  // ---------------------------------------------------------------- panels

  var expanded = {};      // conversation id -> true
  var details = {};       // conversation id -> full conversation fetched on demand
  var highlighted = null; // conversation id to highlight (the page's own chat or inbound message)
  var lastPanelKeys = {};

  function nameOf(id) { return id ? (names[id] || shortId(id)) : ''; }

  function convStatus(c) {
    var s = c.status;
    if (s && typeof s === 'object') { s = s.value; }
    return String(s || '');
  }

  function convAssignee(c) {
    var a = c.assignee || {};
    var inboxId = first(a.inboxId, c.inboxId);
    var agentId = first(a.agentId, c.agentId);
    return {
      inbox: first(a.inboxName, a.inbox && a.inbox.name, c.inboxName, inboxId ? nameOf(inboxId) : undefined, ''),
      agent: first(a.agentName, a.agent && a.agent.name, c.agentName, agentId ? nameOf(agentId) : undefined, '')
    };
  }

  function convTopics(c) {
    if (Array.isArray(c.topics)) {
      return c.topics.map(function (t) { return typeof t === 'string' ? nameOf(t) : (t.name || nameOf(t.id)); });
    }
    return asArray(c.topicIds).map(nameOf);
  }

  function itemText(it) {
    var c = it.content || {};
    var t = first(c.content, c.body, c.value, c.text, it.body, it.text);
    if (typeof t !== 'string') { t = t === undefined ? '' : JSON.stringify(t); }
    var kind = c.type || it.type || '';
    var who = (it.initiator && it.initiator.type) || it.initiatorType || (it.from && it.from.type) || '';
    return '[' + [kind, who].filter(Boolean).join(' · ') + '] ' + (c.subject ? c.subject + ' — ' : '') + t;
  }

  function renderConversations(list) {
    var convs = asArray(list, 'conversations').slice();
    convs.sort(function (a, b) {
      return String(b.updatedAt || b.createdAt || '').localeCompare(String(a.updatedAt || a.createdAt || ''));
    });
    var key = JSON.stringify([convs, details, expanded, highlighted, chat && chat.conversationId, namesVersion]);
    if (key === lastPanelKeys.conversations) { return; }
    lastPanelKeys.conversations = key;
    $('conversations-count').textContent = '(' + convs.length + ')';
    var body = $('conversations-body');
    clear(body);
    if (!convs.length) {
      body.appendChild(el('tr', { className: 'empty' }, [el('td', { colspan: 10, text: 'No conversations yet.' })]));
    }
    convs.forEach(function (c0) {
      var c = details[c0.id] ? Object.assign({}, c0, details[c0.id]) : c0;
      var a = convAssignee(c);
      var allItems = asArray(c.items);
      var isNote = function (it) { return it && it.content && it.content.type === 'CONVERSATION_NOTE'; };
      var notes = Array.isArray(c.notes) ? c.notes : allItems.filter(isNote);
      var items = Array.isArray(c.notes) ? allItems : allItems.filter(function (it) { return !isNote(it); });
      var topics = convTopics(c);
      var mine = c.id === highlighted || (chat && c.id === chat.conversationId);
      var tr = el('tr', {
        className: 'conv-row' + (mine ? ' mine' : '') + (expanded[c.id] ? ' open' : ''),
        'data-testid': 'conversation-row', 'data-conversation-id': c.id, 'data-status': convStatus(c),
        'data-in-automation': String(!!c.inAutomation),
        title: 'click for items and notes'
      }, [
        el('td', { className: 'mono', text: shortId(c.id) }),
        el('td', { text: first(c.customerName, c.customer && c.customer.name, nameOf(c.customerId)) }),
        el('td', { title: first(c.entryPointAddress, typeof c.entryPoint === 'string' ? c.entryPoint : null,
          c.entryPoint && c.entryPoint.address, ''),
          text: first(c.channel, c.entryPoint && c.entryPoint.type, '') }),
        el('td', { 'data-testid': 'conversation-status' }, [
          el('span', { className: 'badge status-' + convStatus(c).toLowerCase(), text: convStatus(c) }),
          c.inAutomation ? el('span', { className: 'badge bot', title: 'with the bot: Gladly does not show it until hand-off',
            text: 'with bot' }) : null]),
        el('td', { 'data-testid': 'conversation-inbox', text: a.inbox }),
        el('td', { 'data-testid': 'conversation-assignee', text: a.agent }),
        el('td', { 'data-testid': 'conversation-items', text: String(first(c.itemCount, items.length)) }),
        el('td', { 'data-testid': 'conversation-notes', text: String(first(c.noteCount,
          Array.isArray(c.items) || Array.isArray(c.notes) ? notes.length : '')) }),
        el('td', { 'data-testid': 'conversation-topics', text: topics.join(', ') }),
        el('td', { text: fmtTime(c.updatedAt || c.createdAt) })
      ]);
      tr.addEventListener('click', function () { toggleConversation(c.id, !!c0.items); });
      body.appendChild(tr);
      if (expanded[c.id]) {
        var detail = el('td', { colspan: 10 });
        detail.appendChild(el('div', { className: 'mono small', text: 'id ' + c.id + (c.customerId ? ' · customer ' + c.customerId : '') +
          (c.sessionId ? ' · session ' + c.sessionId : '') +
          (c.organization ? ' · org ' + c.organization : '') }));
        detail.appendChild(el('div', { className: 'sub', text: 'Items' }));
        var ul = el('ul', { className: 'items', 'data-testid': 'conversation-item-list' });
        items.forEach(function (it) { ul.appendChild(el('li', { text: fmtTime(it.timestamp || it.createdAt) + ' ' + itemText(it) })); });
        if (!items.length) { ul.appendChild(el('li', { className: 'muted', text: 'none' })); }
        detail.appendChild(ul);
        detail.appendChild(el('div', { className: 'sub', text: 'Notes' }));
        var nl = el('ul', { className: 'items', 'data-testid': 'conversation-note-list' });
        notes.forEach(function (n) {
          var nc = n.content && typeof n.content === 'object' ? n.content : n;
          var nt = first(nc.body, nc.content, nc.text, n.body, '');
          nl.appendChild(el('li', { text: fmtTime(n.createdAt || n.timestamp) + ' ' + (typeof nt === 'string' ? nt : JSON.stringify(nt)) }));
        });
        if (!notes.length) { nl.appendChild(el('li', { className: 'muted', text: 'none' })); }
        detail.appendChild(nl);
        body.appendChild(el('tr', { className: 'conv-detail', 'data-testid': 'conversation-detail' }, [detail]));
      }
    });
  }

  function toggleConversation(id, hasItems) {
    expanded[id] = !expanded[id];
    if (!expanded[id]) { delete expanded[id]; }
    lastPanelKeys.conversations = null;
    if (expanded[id] && !hasItems) {
      api('GET', withOrg('/sim/conversations/' + encodeURIComponent(id))).then(function (full) {
        details[id] = full;
        lastPanelKeys.conversations = null;
        return pollPanels();
      }).catch(function (e) { showPollError(e.message); });
    } else {
      pollPanels();
    }
  }

  var webhookNames = {};

  function renderWebhooks(list) {
    var hooks = asArray(list, 'webhooks');
    hooks.forEach(function (w) { webhookNames[w.id] = w.name || w.url; });
    var key = JSON.stringify(hooks);
    if (key === lastPanelKeys.webhooks) { return; }
    lastPanelKeys.webhooks = key;
    $('webhooks-count').textContent = '(' + hooks.length + ')';
    var body = $('webhooks-body');
    clear(body);
    if (!hooks.length) {
      body.appendChild(el('tr', { className: 'empty' }, [el('td', { colspan: 7, text: 'No webhooks.' })]));
    }
    hooks.forEach(function (w) {
      body.appendChild(el('tr', {
        'data-testid': 'webhook-row', 'data-webhook-id': w.id, 'data-enabled': String(!!w.enabled)
      }, [
        el('td', { text: (w.name || '') + (w.organization ? ' [' + w.organization + ']' : '') }),
        el('td', { className: 'mono wrap', 'data-testid': 'webhook-url', text: w.url || '' }),
        el('td', { className: 'small', 'data-testid': 'webhook-events', text: asArray(w.events).join(', ') }),
        el('td', { 'data-testid': 'webhook-enabled' }, [
          el('span', { className: 'badge ' + (w.enabled ? 'on' : 'off'), text: w.enabled ? 'enabled' : 'disabled' })]),
        el('td', { className: 'small', 'data-testid': 'webhook-header-keys', text: asArray(w.headerKeys).join(', ') }),
        el('td', { text: w.hasCredentials ? 'Basic' : '' }),
        el('td', { 'data-testid': 'webhook-disabled-retry', text: w.disabledAtDueToRetryLimit || '' })
      ]));
    });
  }

  function renderDeliveries(list) {
    var ds = asArray(list, 'deliveries').slice();
    var at = function (d) { return String(first(d.at, d.occurredAt, d.timestamp, d.sentAt, d.time, d.createdAt, '')); };
    ds.sort(function (a, b) {
      if (typeof a.seq === 'number' && typeof b.seq === 'number') { return b.seq - a.seq; }
      return at(b).localeCompare(at(a));
    });
    var shown = ds.slice(0, MAX_DELIVERIES_SHOWN);
    var key = JSON.stringify([shown, webhookNames]);
    if (key === lastPanelKeys.deliveries) { return; }
    lastPanelKeys.deliveries = key;
    $('deliveries-count').textContent = '(' + ds.length + ')';
    var body = $('deliveries-body');
    clear(body);
    if (!ds.length) {
      body.appendChild(el('tr', { className: 'empty' }, [el('td', { colspan: 7, text: 'No deliveries yet.' })]));
    }
    shown.forEach(function (d) {
      var code = first(d.statusCode, d.status, d.responseStatus);
      var timedOut = d.timedOut || d.timeout === true;
      var outcome = String(first(d.outcome, d.result, '') || '');
      body.appendChild(el('tr', {
        className: 'delivery outcome-' + outcome.toLowerCase(),
        'data-testid': 'delivery-row', 'data-event-type': first(d.type, d.eventType, ''),
        'data-outcome': outcome, 'data-webhook-id': d.webhookId || ''
      }, [
        el('td', { text: fmtTime(at(d)) }),
        el('td', { text: webhookNames[d.webhookId] || shortId(d.webhookId) }),
        el('td', { 'data-testid': 'delivery-type', text: first(d.type, d.eventType, '') }),
        el('td', { className: 'mono', title: (d.eventId || '') + (d.request ? '\n' + JSON.stringify(d.request, null, 2) : ''),
          text: shortId(d.eventId || d.id) }),
        el('td', { text: String(first(d.attempt, '')) }),
        el('td', { text: timedOut ? 'timeout' : (code === undefined ? (d.error || '') : String(code)) }),
        el('td', { 'data-testid': 'delivery-outcome' }, [el('span', { className: 'badge outcome-' + outcome.toLowerCase(), text: outcome })])
      ]));
    });
  }

  // ---------------------------------------------------------------- polling

  var pollErrors = {};

  function showPollError(msg) {
    var s = $('poll-status');
    s.textContent = msg;
    s.className = 'poll-status bad';
  }

  function pollPanels() {
    return Promise.all([
      api('GET', withOrg('/sim/conversations')).then(renderConversations).then(ok('conversations'), bad('conversations')),
      api('GET', withOrg('/sim/webhooks')).then(renderWebhooks).then(ok('webhooks'), bad('webhooks')),
      api('GET', '/sim/deliveries').then(renderDeliveries).then(ok('deliveries'), bad('deliveries')),
      api('GET', '/sim/clock').then(renderClock).then(ok('clock'), bad('clock'))
    ]);
  }

  function renderClock(c) {
    var now = c && c.now;
    $('sim-clock').textContent = now ? 'sim clock ' + fmtTime(now) : '';
  }

  function advanceClock(seconds) {
    api('POST', '/sim/clock/advance', { seconds: seconds }).then(function () { tick(); })
      .catch(function (e) { showPollError(e.message); });
  }

  function ok(what) { return function () { delete pollErrors[what]; }; }
  function bad(what) { return function (e) { pollErrors[what] = e.message; }; }

  var polling = false;
  var referenceLoaded = false;

  function tick() {
    if (polling) { return; }
    polling = true;
    var work = [pollPanels(), pollChat().then(ok('chat'), bad('chat'))];
    if (!referenceLoaded) {
      work.push(loadReferenceData().then(function () { referenceLoaded = entryPoints.length > 0; }));
    }
    Promise.all(work).then(function () {
      var errs = Object.keys(pollErrors).map(function (k) { return k + ': ' + pollErrors[k]; });
      var s = $('poll-status');
      if (errs.length) { s.textContent = errs.join(' · '); s.className = 'poll-status bad'; }
      else { s.textContent = 'live · ' + new Date().toISOString().slice(11, 19) + 'Z'; s.className = 'poll-status good'; }
    }).catch(function (e) { showPollError(e.message); })
      .then(function () { polling = false; });
  }

  function resetSim() {
    if (!window.confirm('Reset the simulator to its seed? All conversations, webhooks and deliveries go.')) { return; }
    api('POST', '/sim/reset').then(function () {
      leaveChat();
      details = {}; expanded = {}; highlighted = null; lastPanelKeys = {};
      referenceLoaded = false;
      tick();
    }).catch(function (e) { showPollError(e.message); });
  }

  // ---------------------------------------------------------------- wiring

  function init() {
    $('chat-start-form').addEventListener('submit', startChat);
    $('chat-form').addEventListener('submit', sendChat);
    $('chat-leave').addEventListener('click', leaveChat);
    $('customer').addEventListener('change', updateCustomerFields);
    $('inbound-form').addEventListener('submit', sendInbound);
    $('inbound-to').addEventListener('change', function () { updateInboundForm(); });
    $('inbound-from').addEventListener('input', function () { $('inbound-from').dataset.auto = '0'; });
    $('reset-sim').addEventListener('click', resetSim);
    $('org').addEventListener('change', switchOrg);
    Array.prototype.forEach.call(document.querySelectorAll('[data-advance]'), function (b) {
      b.addEventListener('click', function () { advanceClock(Number(b.getAttribute('data-advance'))); });
    });
    fillCustomers();
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem('sim-ui-chat') || 'null'); } catch (e) { saved = null; }
    // #chat=<conversationId> opens (or re-opens) that chat, e.g. a link from a test or a log
    var m = /[#&]chat=([^&]+)/.exec(location.hash || '');
    if (m) { saved = { conversationId: decodeURIComponent(m[1]), customer: 'customer', entryPoint: 'chat' }; }
    if (saved && saved.conversationId) { openChat(saved); }
    tick();
    setInterval(tick, POLL_MILLIS);
  }

  // exposed for the browser test and for debugging in the console
  window.simUi = { sanitizeHtml: sanitizeHtml };

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); }
  else { init(); }
}());
