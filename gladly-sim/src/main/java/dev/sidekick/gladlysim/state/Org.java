package dev.sidekick.gladlysim.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidekick.gladlysim.seed.Seed;
import dev.sidekick.gladlysim.state.Conversation.ChatLine;
import dev.sidekick.gladlysim.state.Conversation.MenuItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One Gladly organization and its rules. Every method must be called with the {@link SimState} lock held; the events a
 * change raises are appended to {@code out} and delivered by the caller after the lock is released.
 */
public final class Org {
  public static final int MAX_BODY = 2048;
  private static final Pattern OPTION_ID = Pattern.compile("[A-Za-z0-9_-]{1,50}");
  private static final Set<String> REPLY_TYPES =
      Set.of("CHAT_MESSAGE", "EMAIL", "SMS", "WHATSAPP", "FACEBOOK_MESSAGE", "INSTAGRAM_DIRECT");

  public final String key;
  public final String id;
  public final String name;
  public final String timezone;
  public final String loginDomain;
  public final String gladlyUrl;
  public final boolean requireTopicsToClose;
  public final Map<String, Agent> agents = new LinkedHashMap<>();
  public final Map<String, Inbox> inboxes = new LinkedHashMap<>();
  public final Map<String, Topic> topics = new LinkedHashMap<>();
  public final Map<String, Customer> customers = new LinkedHashMap<>();
  public final Map<String, EntryPoint> entryPoints = new LinkedHashMap<>();
  public final Map<String, Webhook> webhooks = new LinkedHashMap<>();
  public final Map<String, Conversation> conversations = new LinkedHashMap<>();
  public final Map<String, Item> items = new LinkedHashMap<>();
  public final Map<String, Session> sessions = new LinkedHashMap<>();
  /** Every event raised, oldest first: what the Events API serves (whether or not a webhook subscribed). */
  public final EventHistory history = new EventHistory();
  private final Supplier<Instant> clock;
  private final String epoch;
  private long seq;

  /**
   * @param epoch different at every start and reset, so that ids made at run time (events, conversations, sessions,
   *     webhooks) never repeat: a runtime under test remembers the event ids it handled
   */
  public Org(Seed.OrgSeed seed, Supplier<Instant> clock, String epoch) {
    this.clock = clock;
    this.epoch = epoch;
    this.key = seed.key;
    this.id = seed.id != null ? seed.id : Ids.derive("org", seed.key);
    this.name = seed.name != null ? seed.name : seed.key;
    this.timezone = seed.timezone;
    this.loginDomain = seed.loginDomain != null ? seed.loginDomain : seed.key + ".example";
    this.gladlyUrl = seed.gladlyUrl != null ? seed.gladlyUrl : "https://" + seed.key + ".gladly.com";
    this.requireTopicsToClose = seed.requireTopicsToClose;
    Instant now = clock.get();
    for (Seed.InboxSeed s : seed.inboxes) {
      Inbox inbox = new Inbox(or(s.id, Ids.derive(key, "inbox", s.name)), s.name, s.disabled);
      inboxes.put(inbox.id, inbox);
    }
    for (Seed.TopicSeed s : seed.topics) {
      String parent = s.parent == null ? null : Ids.derive(key, "topic", s.parent);
      Topic topic = new Topic(or(s.id, Ids.derive(key, "topic", s.name)), s.name, s.disabled, parent);
      topics.put(topic.id(), topic);
    }
    for (Seed.AgentSeed s : seed.agents) {
      addAgent(s.id, s.name, s.email, s.token, s.roles, s.inboxes);
    }
    for (Seed.CustomerSeed s : seed.customers) {
      String cid = or(s.id, Ids.derive(key, "customer", or(s.email, or(s.phone, s.name))));
      customers.put(cid, new Customer(cid, s.name, s.email, s.phone, now));
    }
    for (Seed.EntryPointSeed s : seed.entryPoints) {
      EntryPoint.Channel type = EntryPoint.Channel.valueOf(s.type.toUpperCase());
      Inbox inbox = inboxByName(s.defaultInbox);
      if (inbox == null) throw new IllegalArgumentException("entry point " + s.address + ": unknown default inbox " + s.defaultInbox);
      EntryPoint ep = new EntryPoint(or(s.id, Ids.derive(key, "entry-point", s.address)), or(s.name, s.address), type,
          s.address, s.automation, inbox.id);
      entryPoints.put(ep.address(), ep);
    }
  }

  private static String or(String value, String fallback) {
    return value != null && !value.isBlank() ? value : fallback;
  }

  public Instant now() {
    return clock.get();
  }

  public String nextId(String kind) {
    return Ids.derive(epoch, key, kind, Long.toString(++seq));
  }

  // ---------------------------------------------------------------- directory

  public Agent addAgent(String id, String name, String email, String token, List<String> roles, List<String> inboxNames) {
    Agent agent = new Agent(or(id, Ids.derive(key, "agent", email)), or(name, email), email, token,
        roles == null ? List.of() : roles);
    for (String inboxName : inboxNames == null ? List.<String>of() : inboxNames) {
      Inbox inbox = inboxByName(inboxName);
      if (inbox == null) throw new IllegalArgumentException("agent " + email + ": unknown inbox " + inboxName);
      agent.inboxIds.add(inbox.id);
    }
    agents.put(agent.id, agent);
    return agent;
  }

  public Inbox inboxByName(String inboxName) {
    return inboxes.values().stream().filter(i -> i.name.equals(inboxName)).findFirst().orElse(null);
  }

  public Agent agentByEmail(String email) {
    return agents.values().stream().filter(a -> a.email.equalsIgnoreCase(email)).findFirst().orElse(null);
  }

  public EntryPoint entryPoint(String address) {
    EntryPoint ep = entryPoints.get(address);
    if (ep == null) throw GladlyError.badRequest("entryPoint", "not_exist", "no entry point with address " + address);
    return ep;
  }

  private Customer customerFor(String email, String phone, String displayName) {
    for (Customer c : customers.values()) {
      if (email != null && email.equalsIgnoreCase(c.email)) return c;
      if (phone != null && phone.equals(c.phone)) return c;
    }
    String cid = Ids.derive(key, "customer", email != null ? email : phone);
    Customer c = new Customer(cid, displayName, email, phone, now());
    customers.put(cid, c);
    return c;
  }

  // ---------------------------------------------------------------- customers acting

  public record ChatStarted(String sessionId, String conversationId, String customerId) {}

  /** A customer opens the chat widget: at an automation entry point the bot gets a session, elsewhere an inbox gets the chat. */
  public ChatStarted startChat(String address, String email, String displayName, ObjectNode context) {
    EntryPoint ep = entryPoint(address);
    if (ep.type() != EntryPoint.Channel.CHAT) {
      throw GladlyError.badRequest("entryPoint", "invalid", "entry point " + address + " is not a chat entry point");
    }
    Customer customer = customerFor(email, null, displayName);
    Conversation conv = new Conversation(nextId("conversation"), customer.id, ep, ep.defaultInboxId(), now());
    conversations.put(conv.id, conv);
    String sessionId = null;
    if (ep.automation()) {
      conv.inAutomation = true;
      sessionId = newSession(conv, customer, context == null ? defaultContext() : context).id;
    }
    return new ChatStarted(sessionId, conv.id, customer.id);
  }

  private static ObjectNode defaultContext() {
    ObjectNode ctx = Json.object();
    ctx.put("URL", "https://shop.example.com/");
    ctx.put("IsAuthenticated", "false");
    return ctx;
  }

  private Session newSession(Conversation conv, Customer customer, ObjectNode context) {
    Session s = new Session(nextId("session"), conv.id, customer.id, Ids.derive(key, "customer-address", customer.id),
        conv.entryPoint, context, now());
    sessions.put(s.id, s);
    conv.sessionId = s.id;
    return s;
  }

  public Conversation chatConversation(String conversationId) {
    Conversation conv = conversations.get(conversationId);
    if (conv == null || conv.entryPoint.type() != EntryPoint.Channel.CHAT) {
      throw GladlyError.notExist("no chat with conversation id " + conversationId);
    }
    return conv;
  }

  /** The customer writes in the chat, or picks a menu item (which arrives at the bot as TEXT with the item's label). */
  public String customerSays(String conversationId, String text, String menuItemId, List<Event> out) {
    Conversation conv = chatConversation(conversationId);
    Customer customer = customers.get(conv.customerId);
    if (menuItemId != null) {
      text = menuLabel(conv, menuItemId);
    }
    if (text == null || text.isBlank()) throw GladlyError.badRequest("text", "blank", "text cannot be blank");
    if (text.length() > MAX_BODY) throw GladlyError.badRequest("text", "too_long", "text cannot be longer than 2048 characters");
    if (conv.inAutomation) {
      Session session = sessions.get(conv.sessionId);
      if (session == null || !session.active()) {
        // the bot closed the last session (or it timed out): the next message starts a new one
        session = newSession(conv, customer, session != null ? session.context : defaultContext());
      }
      Instant now = now();
      SessionMessage m = new SessionMessage(nextId("message"), session.id, "TEXT", Json.object().put("value", text), now,
          "CUSTOMER", customer.id);
      session.messages.add(m);
      session.lastActivity = now;
      session.updatedAt = now;
      conv.chat.add(new ChatLine(m.id(), "CUSTOMER", "TEXT", text, List.of(), now));
      ObjectNode content = Json.object();
      content.put("sessionId", session.id);
      content.put("channelType", "CHAT");
      content.put("customerId", customer.id);
      content.put("conversationId", conv.id);
      content.put("companyAddress", conv.entryPoint.address());
      content.set("context", session.context.deepCopy());
      ObjectNode message = content.putObject("message");
      message.put("id", m.id());
      message.put("type", "TEXT");
      message.putObject("content").put("body", text);
      emit(out, "AUTOMATION/MESSAGE_RECEIVED", customer.id, "CUSTOMER", content);
      return m.id();
    }
    ObjectNode content = Json.object();
    content.put("type", "CHAT_MESSAGE");
    content.put("messageType", "TEXT");
    content.put("sessionId", conv.sessionId != null ? conv.sessionId : Ids.derive(conv.id, "chat-session"));
    content.put("content", text);
    Item item = addCustomerMessage(conv, content, out);
    conv.chat.add(new ChatLine(item.id(), "CUSTOMER", "TEXT", text, List.of(), item.timestamp()));
    return item.id();
  }

  private String menuLabel(Conversation conv, String menuItemId) {
    for (int i = conv.chat.size() - 1; i >= 0; i--) {
      for (MenuItem mi : conv.chat.get(i).menuItems()) {
        if (mi.id().equals(menuItemId)) return mi.label();
      }
    }
    throw GladlyError.badRequest("menuItemId", "invalid", "no menu offered the item " + menuItemId);
  }

  public String inboundEmail(String from, String to, String subject, String body, List<Event> out) {
    EntryPoint ep = entryPoint(to);
    if (ep.type() != EntryPoint.Channel.EMAIL) throw GladlyError.badRequest("to", "invalid", to + " is not an email entry point");
    Customer customer = customerFor(from, null, null);
    Conversation conv = openConversation(customer, ep);
    ObjectNode content = Json.object();
    content.put("type", "EMAIL");
    content.put("from", from);
    content.putArray("to").add(to);
    content.put("subject", subject == null ? "" : subject);
    content.put("content", body == null ? "" : body);
    addCustomerMessage(conv, content, out);
    return conv.id;
  }

  public String inboundSms(String from, String to, String body, List<Event> out) {
    EntryPoint ep = entryPoint(to);
    if (ep.type() != EntryPoint.Channel.SMS) throw GladlyError.badRequest("to", "invalid", to + " is not an SMS entry point");
    Customer customer = customerFor(null, from, null);
    Conversation conv = openConversation(customer, ep);
    ObjectNode content = Json.object();
    content.put("type", "SMS");
    content.put("from", from);
    content.put("to", to);
    content.put("content", body == null ? "" : body);
    addCustomerMessage(conv, content, out);
    return conv.id;
  }

  /** The customer's latest conversation on this channel; a closed one reopens (Gladly's reopen window). */
  private Conversation openConversation(Customer customer, EntryPoint ep) {
    Conversation latest = null;
    for (Conversation c : conversations.values()) {
      if (c.customerId.equals(customer.id) && c.entryPoint.equals(ep)) latest = c;
    }
    if (latest != null) return latest;
    Conversation conv = new Conversation(nextId("conversation"), customer.id, ep, ep.defaultInboxId(), now());
    conversations.put(conv.id, conv);
    return conv;
  }

  private Item addCustomerMessage(Conversation conv, ObjectNode content, List<Event> out) {
    if (conv.closed()) {
      conv.status = "OPEN";
      conv.closedAt = null;
    }
    Item item = new Item(nextId("item"), conv.id, conv.customerId, now(), conv.customerId, "CUSTOMER", content);
    conv.items.add(item);
    items.put(item.id(), item);
    ObjectNode legacy = Json.object();
    legacy.put("conversationId", conv.id);
    legacy.put("conversationItemId", item.id());
    legacy.put("customerId", conv.customerId);
    emit(out, "MESSAGE/RECEIVED", conv.customerId, "CUSTOMER", legacy);
    emit(out, "CONTACT/MESSAGE_RECEIVED", conv.customerId, "CUSTOMER", contactContent(conv, item.id()));
    return item;
  }

  private ObjectNode contactContent(Conversation conv, String messageId) {
    ObjectNode c = Json.object();
    c.put("channel", conv.entryPoint.type().name());
    c.put("contactId", Ids.derive(conv.id, "contact"));
    c.put("conversationId", conv.id);
    c.put("customerId", conv.customerId);
    c.put("messageId", messageId);
    c.set("context", assigneeContext(conv));
    return c;
  }

  private static ObjectNode assigneeContext(Conversation conv) {
    ObjectNode ctx = Json.object();
    ObjectNode assignee = ctx.putObject("assignee");
    assignee.put("inboxId", conv.inboxId);
    if (conv.agentId != null) assignee.put("agentId", conv.agentId);
    return ctx;
  }

  // ---------------------------------------------------------------- message automation

  public Session session(String sessionId) {
    Session s = sessions.get(sessionId);
    if (s == null) throw GladlyError.notExist("entity does not exist");
    return s;
  }

  private Session activeSession(String sessionId, boolean notFoundIs400) {
    Session s = sessions.get(sessionId);
    if (s == null) {
      throw notFoundIs400 ? GladlyError.badRequest(null, "not_exist", "entity does not exist")
          : GladlyError.notExist("entity does not exist");
    }
    if (!s.active()) {
      throw GladlyError.badRequest(null, "invalid_state", "automation session is " + s.state.name().toLowerCase().replace('_', ' '));
    }
    return s;
  }

  /** The bot sends TEXT, HTML or MENU; limits as Gladly documents them. */
  public SessionMessage botSends(String sessionId, JsonNode body, String agentId, List<Event> out) {
    Session s = activeSession(sessionId, false);
    String type = Json.text(body, "type");
    JsonNode content = body == null ? null : body.get("content");
    if (type == null || !(type.equals("TEXT") || type.equals("HTML") || type.equals("MENU"))) {
      throw GladlyError.badRequest("type", "invalid", "invalid message type");
    }
    if (content == null || !content.isObject()) throw GladlyError.badRequest("content", "blank", "content cannot be blank");
    ObjectNode stored = Json.object();
    List<MenuItem> menu = new ArrayList<>();
    String text;
    if (type.equals("MENU")) {
      String prompt = Json.text(content, "prompt");
      GladlyError.Collector errors = new GladlyError.Collector();
      if (prompt == null || prompt.isBlank()) errors.add("content.prompt", "blank", "prompt cannot be blank");
      else if (prompt.length() > 50) errors.add("content.prompt", "too_long", "prompt cannot be longer than 50 characters");
      JsonNode itemsNode = content.get("menuItems");
      if (itemsNode == null || !itemsNode.isArray() || itemsNode.isEmpty()) {
        errors.add("content.menuItems", "blank", "menuItems must have between 1 and 10 items");
      } else if (itemsNode.size() > 10) {
        errors.add("content.menuItems", "too_long", "menuItems must have between 1 and 10 items");
      } else {
        for (JsonNode mi : itemsNode) {
          String miId = Json.text(mi, "id");
          String label = Json.text(mi, "label");
          if (miId == null || !OPTION_ID.matcher(miId).matches()) {
            errors.add("content.menuItems.id", "invalid", "menu item id must be 1-50 characters of [a-zA-Z0-9_-]");
          }
          if (label == null || label.isBlank()) errors.add("content.menuItems.label", "blank", "menu item label cannot be blank");
          else if (label.length() > 256) errors.add("content.menuItems.label", "too_long", "menu item label cannot be longer than 256 characters");
          menu.add(new MenuItem(miId, label));
        }
      }
      errors.throwIfAny();
      stored.put("prompt", prompt);
      ArrayNode arr = stored.putArray("menuItems");
      menu.forEach(mi -> arr.addObject().put("id", mi.id()).put("label", mi.label()));
      text = prompt;
    } else {
      String value = Json.text(content, "value");
      if (value == null || value.isBlank()) throw GladlyError.badRequest("content.value", "blank", "value cannot be blank");
      if (value.length() > MAX_BODY) {
        throw GladlyError.badRequest("content.value", "too_long", "value cannot be longer than 2048 characters");
      }
      stored.put("value", value);
      text = value;
    }
    Instant now = now();
    SessionMessage m = new SessionMessage(nextId("message"), s.id, type, stored, now, "AUTOMATION", agentId);
    s.messages.add(m);
    s.lastActivity = now;
    s.updatedAt = now;
    s.typing = "STOPPED";
    Conversation conv = conversations.get(s.conversationId);
    conv.chat.add(new ChatLine(m.id(), "BOT", type, text, List.copyOf(menu), now));
    ObjectNode ev = Json.object();
    ev.put("sessionId", s.id);
    ev.put("channelType", "CHAT");
    ev.put("customerId", s.customerId);
    ev.put("conversationId", s.conversationId);
    ev.put("companyAddress", s.entryPoint.address());
    ev.putObject("message").put("id", m.id()).put("type", type);
    emit(out, "AUTOMATION/MESSAGE_SENT", agentId, "AUTOMATION", ev);
    return m;
  }

  public void typing(String sessionId, String state) {
    Session s = sessions.get(sessionId);
    if (s == null) throw GladlyError.notExist("entity does not exist");
    if (!"STARTED".equals(state) && !"STOPPED".equals(state)) {
      throw GladlyError.badRequest("state", "invalid", "state must be STARTED or STOPPED");
    }
    if (!s.active()) throw GladlyError.badRequest(null, "invalid_state", "automation session has ended");
    s.typing = state;
    s.lastActivity = now();
    s.updatedAt = s.lastActivity;
  }

  private static String description(JsonNode body) {
    String d = Json.text(body, "description");
    if (d == null || d.isBlank()) throw GladlyError.badRequest("description", "blank", "description cannot be blank");
    if (d.length() > 240) throw GladlyError.badRequest("description", "too_long", "description cannot be longer than 240 characters");
    return d;
  }

  /** Hand-off: the chat becomes a routable conversation in the entry point's default inbox, with the bot transcript. */
  public void handoff(String sessionId, JsonNode body, List<Event> out) {
    Session s = activeSession(sessionId, true);
    String description = description(body);
    Instant now = now();
    s.state = Session.State.HANDED_OFF;
    s.description = description;
    s.typing = "STOPPED";
    s.updatedAt = now;
    Conversation conv = conversations.get(s.conversationId);
    conv.inAutomation = false;
    conv.inboxId = s.entryPoint.defaultInboxId();
    conv.agentId = null;
    conv.status = "OPEN";
    conv.closedAt = null;
    for (Session earlier : sessions.values()) {
      if (earlier.conversationId.equals(conv.id)) transcriptToItems(conv, earlier);
    }
    conv.chat.add(new ChatLine(nextId("line"), "SYSTEM", "HANDOFF", "You are being connected to an agent.", List.of(), now));
    emit(out, "CONVERSATION/CREATED", conv.customerId, "CUSTOMER", conversationContent(conv));
  }

  private void transcriptToItems(Conversation conv, Session s) {
    for (SessionMessage m : s.messages) {
      ObjectNode content = Json.object();
      content.put("type", "CHAT_MESSAGE");
      if (m.type().equals("MENU")) {
        content.put("messageType", "QUICK_REPLY_REQUEST");
        content.put("sessionId", s.id);
        content.put("content", Json.text(m.content(), "prompt"));
        ArrayNode options = content.putObject("messageData").putObject("quickReplyRequest").putArray("options");
        for (JsonNode mi : m.content().get("menuItems")) {
          options.addObject().put("id", mi.get("id").asText()).put("label", mi.get("label").asText());
        }
      } else {
        content.put("messageType", "TEXT");
        content.put("sessionId", s.id);
        content.put("content", Json.text(m.content(), "value"));
      }
      Item item = new Item(Ids.derive(m.id(), "item"), conv.id, conv.customerId, m.createdAt(),
          m.fromCustomer() ? conv.customerId : m.fromId(), m.fromCustomer() ? "CUSTOMER" : "AUTOMATION", content);
      conv.items.add(item);
      items.put(item.id(), item);
    }
  }

  public void closeSession(String sessionId, JsonNode body) {
    Session s = activeSession(sessionId, true);
    s.description = description(body);
    endSession(s, Session.State.CLOSED, "The chat has ended.");
  }

  private void endSession(Session s, Session.State state, String line) {
    Instant now = now();
    s.state = state;
    s.typing = "STOPPED";
    s.updatedAt = now;
    Conversation conv = conversations.get(s.conversationId);
    conv.chat.add(new ChatLine(nextId("line"), "SYSTEM", state.name(), line, List.of(), now));
  }

  /** Sessions quiet for the idle timeout close without routing (no event is documented for it, so none is raised). */
  public void closeIdleSessions(Duration idle) {
    Instant cutoff = now().minus(idle);
    for (Session s : sessions.values()) {
      if (s.active() && !s.lastActivity.isAfter(cutoff)) {
        endSession(s, Session.State.IDLE_CLOSED, "The chat was closed after five minutes without activity.");
      }
    }
  }

  // ---------------------------------------------------------------- conversations

  /** A conversation as the API sees it: chats still with the bot are not in Gladly yet. */
  public Conversation visibleConversation(String conversationId) {
    Conversation c = conversations.get(conversationId);
    return c == null || c.inAutomation ? null : c;
  }

  private ObjectNode conversationContent(Conversation conv) {
    ObjectNode c = Json.object();
    c.put("customerId", conv.customerId);
    c.put("conversationId", conv.id);
    c.set("context", assigneeContext(conv));
    return c;
  }

  public void patchConversation(String conversationId, JsonNode body, String callerId, List<Event> out) {
    Conversation conv = visibleConversation(conversationId);
    if (conv == null) throw GladlyError.notExist("conversation does not exist");
    JsonNode assignee = body == null ? null : body.get("assignee");
    JsonNode status = body == null ? null : body.get("status");
    boolean hasAssignee = assignee != null && !assignee.isNull();
    boolean hasStatus = status != null && !status.isNull();
    GladlyError.Collector blanks = new GladlyError.Collector();
    String inboxId = hasAssignee ? Json.text(assignee, "inboxId") : null;
    String agentId = hasAssignee ? Json.text(assignee, "agentId") : null;
    if (agentId != null && agentId.isBlank()) agentId = null;
    String value = hasStatus ? Json.text(status, "value") : null;
    boolean force = hasStatus && status.path("force").asBoolean(false);
    if (hasAssignee && (inboxId == null || inboxId.isBlank())) {
      blanks.add("assignee.inboxId", "blank", "'inboxId' cannot be blank when updating assignee");
    }
    if (hasStatus && (value == null || value.isBlank())) {
      blanks.add("status.value", "blank", "'value' cannot be blank when updating status");
    }
    blanks.throwIfAny();
    if (!hasAssignee && !hasStatus) throw GladlyError.badRequest(null, "blank", "one of assignee, status must be present");
    if (hasStatus && !value.equals("OPEN") && !value.equals("CLOSED")) {
      throw GladlyError.badRequest("status.value", "invalid", "status value must be OPEN or CLOSED");
    }
    if (hasAssignee) {
      Inbox inbox = inboxes.get(inboxId);
      if (inbox == null) throw GladlyError.badRequest("assignee.inboxId", "invalid", "inbox does not exist");
      if (agentId != null) {
        Agent agent = agents.get(agentId);
        if (agent == null) throw GladlyError.badRequest("assignee.agentId", "invalid", "agent does not exist");
        if (!agent.inboxIds.contains(inboxId)) {
          throw GladlyError.badRequest("assignee.agentId", "invalid_state", "agent does not belong to inbox");
        }
      }
      boolean reopening = hasStatus && value.equals("OPEN");
      if (conv.closed() && !reopening) {
        throw GladlyError.badRequest(null, "invalid_state", "closed conversation cannot be reassigned");
      }
    }
    if (hasStatus && value.equals("CLOSED") && !conv.closed()) {
      if (requireTopicsToClose && conv.topicIds.isEmpty()) {
        throw GladlyError.badRequest(null, "invalid_state", "topics are required before closing of conversation");
      }
      if (!force && conv.customerWaiting()) {
        throw GladlyError.badRequest(null, "invalid_state",
            "cannot close conversation, customer waiting for response, set 'status.force' to true to override");
      }
    }
    // all checks passed: apply
    if (hasStatus && value.equals("OPEN") && conv.closed()) {
      conv.status = "OPEN";
      conv.closedAt = null;
      addStatusItem(conv, "OPEN", callerId);
      emit(out, "CONVERSATION/REOPENED", callerId, "AGENT", conversationContent(conv));
    }
    if (hasAssignee && (!Objects.equals(conv.inboxId, inboxId) || !Objects.equals(conv.agentId, agentId))) {
      ObjectNode content = conversationContent(conv);
      conv.inboxId = inboxId;
      conv.agentId = agentId;
      content.put("reason", "MANUAL");
      ObjectNode a = content.putObject("assignee").put("inboxId", inboxId);
      if (agentId != null) a.put("agentId", agentId);
      emit(out, "CONVERSATION_ASSIGNEE/UPDATED", callerId, "AGENT", content);
    }
    if (hasStatus && value.equals("CLOSED") && !conv.closed()) {
      ObjectNode content = conversationContent(conv);
      close(conv, callerId);
      emit(out, "CONVERSATION/CLOSED", callerId, "AGENT", content);
    }
  }

  /** An agent closes the conversation in Gladly's UI: the same change and event as the API's close. */
  public void closeByAgent(Conversation conv, String agentId, List<Event> out) {
    if (conv.closed()) return;
    ObjectNode content = conversationContent(conv);
    close(conv, agentId);
    emit(out, "CONVERSATION/CLOSED", agentId, "AGENT", content);
  }

  /** An agent takes a conversation in Gladly's UI. */
  public void assignByAgent(Conversation conv, String inboxId, String agentId, List<Event> out) {
    reassign(conv, inboxId, agentId, agentId, "MANUAL", out);
  }

  /** An agent transfers a conversation to another inbox in Gladly's UI: nobody in that inbox owns it yet. */
  public void transferByAgent(Conversation conv, String inboxId, String agentId, List<Event> out) {
    if (conv.closed()) throw GladlyError.badRequest(null, "invalid_state", "closed conversation cannot be reassigned");
    reassign(conv, inboxId, null, agentId, "MANUAL", out);
  }

  /**
   * An agent answers the customer's latest message in Gladly's UI, on its channel: the conversation becomes the agent's
   * (reason MESSAGE_OUTBOUND), and the reply is the item the API's reply would make.
   */
  public Item replyByAgent(Conversation conv, String agentId, String text, List<Event> out) {
    Item inbound = null;
    for (Item i : conv.items) {
      if (i.isCustomerMessage() && REPLY_TYPES.contains(i.contentType())) inbound = i;
    }
    if (inbound == null) throw GladlyError.badRequest(null, "invalid", "no customer message to reply to");
    if (!agentId.equals(conv.agentId)) reassign(conv, conv.inboxId, agentId, agentId, "MESSAGE_OUTBOUND", out);
    ObjectNode body = Json.object();
    ObjectNode content = body.putObject("content").put("type", inbound.contentType()).put("body", text);
    if (inbound.contentType().equals("CHAT_MESSAGE")) content.put("messageType", "TEXT");
    return reply(inbound.id(), body, agentId, out);
  }

  private void reassign(Conversation conv, String inboxId, String agentId, String initiatorId, String reason, List<Event> out) {
    ObjectNode content = conversationContent(conv);
    conv.inboxId = inboxId;
    conv.agentId = agentId;
    content.put("reason", reason);
    ObjectNode assignee = content.putObject("assignee").put("inboxId", inboxId);
    if (agentId != null) assignee.put("agentId", agentId);
    emit(out, "CONVERSATION_ASSIGNEE/UPDATED", initiatorId, "AGENT", content);
  }

  /** Closes a conversation (an agent in Gladly's UI, or PATCH status CLOSED). */
  public void close(Conversation conv, String agentId) {
    conv.status = "CLOSED";
    conv.closedAt = now();
    addStatusItem(conv, "CLOSED", agentId);
  }

  private void addStatusItem(Conversation conv, String status, String agentId) {
    ObjectNode content = Json.object().put("type", "CONVERSATION_STATUS_CHANGE").put("status", status);
    Item item = new Item(nextId("item"), conv.id, conv.customerId, now(), agentId, "AGENT", content);
    conv.items.add(item);
    items.put(item.id(), item);
  }

  public Item visibleItem(String itemId) {
    Item item = items.get(itemId);
    if (item == null) return null;
    Conversation conv = conversations.get(item.conversationId());
    return conv == null || conv.inAutomation ? null : item;
  }

  /** Reply to a customer's message, with the rules Gladly documents. Returns the new item. */
  public Item reply(String itemId, JsonNode body, String agentId, List<Event> out) {
    Item inbound = visibleItem(itemId);
    if (inbound == null) throw GladlyError.notFoundNoBody();
    Conversation conv = conversations.get(inbound.conversationId());
    JsonNode content = body == null ? null : body.get("content");
    if (content == null || !content.isObject()) throw GladlyError.badRequest("content", "blank", "content cannot be blank");
    String type = Json.text(content, "type");
    if (type == null || type.isBlank()) throw GladlyError.badRequest("content.type", "blank", null);
    if (!REPLY_TYPES.contains(type)) throw GladlyError.badRequest(null, "invalid", "type [" + type + "] is not supported");
    if (conv.closed()) throw GladlyError.badRequest(null, "invalid", "you cannot reply to items in closed conversations");
    if (!inbound.isCustomerMessage() || !REPLY_TYPES.contains(inbound.contentType())) {
      throw GladlyError.badRequest(null, "invalid", "you can only reply to customer messages");
    }
    if (!type.equals(inbound.contentType())) {
      throw GladlyError.badRequest("content.type", "invalid",
          "type [" + type + "] does not match the channel of the message [" + inbound.contentType() + "]");
    }
    String text = Json.text(content, "body");
    if (text == null || text.isBlank()) throw GladlyError.badRequest("content.body", "blank", "content.body cannot be blank");
    if (text.length() > MAX_BODY) {
      throw GladlyError.badRequest("content.body", "too_long", "content.body cannot be larger than 2048 characters");
    }
    Customer customer = customers.get(conv.customerId);
    ObjectNode stored = Json.object();
    stored.put("type", type);
    List<MenuItem> menu = new ArrayList<>();
    switch (type) {
      case "CHAT_MESSAGE" -> {
        String messageType = Json.text(content, "messageType");
        if (messageType == null) messageType = "TEXT";
        stored.put("sessionId", Json.text(inbound.content(), "sessionId"));
        stored.put("content", text);
        if (messageType.equals("QUICK_REPLY_REQUEST")) {
          JsonNode options = content.path("messageData").path("options");
          if (!options.isArray() || options.isEmpty() || options.size() > 10) {
            throw GladlyError.badRequest("content.messageData.options", "invalid", "a quick reply needs 1 to 10 options");
          }
          ArrayNode out2 = stored.putObject("messageData").putObject("quickReplyRequest").putArray("options");
          for (JsonNode o : options) {
            String oid = Json.text(o, "id");
            String label = Json.text(o, "label");
            if (oid == null || !OPTION_ID.matcher(oid).matches()) {
              throw GladlyError.badRequest("content.messageData.options.id", "invalid", "option id must match [A-Za-z0-9_-]");
            }
            if (label == null || label.isBlank() || label.length() > 50) {
              throw GladlyError.badRequest("content.messageData.options.label", "invalid", "option label must be 1 to 50 characters");
            }
            out2.addObject().put("id", oid).put("label", label);
            menu.add(new MenuItem(oid, label));
          }
        } else if (!messageType.equals("TEXT")) {
          throw GladlyError.badRequest("content.messageType", "invalid", "messageType [" + messageType + "] is not supported");
        }
        stored.put("messageType", messageType);
      }
      case "EMAIL" -> {
        stored.put("from", conv.entryPoint.address());
        stored.putArray("to").add(customer.email == null ? "" : customer.email);
        String subject = Json.text(inbound.content(), "subject");
        stored.put("subject", subject == null || subject.startsWith("Re: ") ? subject : "Re: " + subject);
        String plain = Json.text(content, "bodyPlain");
        stored.put("content", plain != null ? plain : text);
      }
      case "SMS" -> {
        stored.put("from", conv.entryPoint.address());
        stored.put("to", customer.phone == null ? "" : customer.phone);
        stored.put("content", text);
      }
      default -> stored.put("content", text);
    }
    Item item = new Item(nextId("item"), conv.id, conv.customerId, now(), agentId, "AGENT", stored);
    conv.items.add(item);
    items.put(item.id(), item);
    if (conv.entryPoint.type() == EntryPoint.Channel.CHAT) {
      conv.chat.add(new ChatLine(item.id(), "AGENT", menu.isEmpty() ? "TEXT" : "MENU", text, List.copyOf(menu), item.timestamp()));
    }
    emit(out, "CONTACT/MESSAGE_SENT", agentId, "AGENT", contactContent(conv, item.id()));
    return item;
  }

  /** Gladly's spec shows the note body both at the top level and under content: accept both. */
  public Item addNote(String conversationId, JsonNode body, String agentId, List<Event> out) {
    Conversation conv = visibleConversation(conversationId);
    if (conv == null) throw GladlyError.notExist("conversation does not exist");
    String text = body == null ? null : Json.text(body.path("content"), "body");
    if (text == null && body != null) text = Json.text(body, "body");
    if (text == null || text.isBlank()) throw GladlyError.badRequest("content.body", "blank", "content.body cannot be blank");
    ObjectNode content = Json.object().put("type", "CONVERSATION_NOTE").put("body", text);
    Item note = new Item(nextId("note"), conv.id, conv.customerId, now(), agentId, "AGENT", content);
    conv.items.add(note);
    items.put(note.id(), note);
    ObjectNode ev = Json.object();
    ev.put("noteId", note.id());
    ev.put("customerId", conv.customerId);
    ev.put("conversationId", conv.id);
    emit(out, "CONVERSATION/NOTE_CREATED", agentId, "AGENT", ev);
    return note;
  }

  public void addTopics(String conversationId, JsonNode body, String agentId, List<Event> out) {
    Conversation conv = visibleConversation(conversationId);
    if (conv == null) throw GladlyError.notExist("conversation does not exist");
    JsonNode ids = body == null ? null : body.get("topicIds");
    if (ids == null || !ids.isArray() || ids.isEmpty()) throw GladlyError.badRequest("topicIds", "blank", "topicIds cannot be blank");
    List<String> added = new ArrayList<>();
    for (JsonNode idNode : ids) {
      Topic topic = topics.get(idNode.asText());
      if (topic == null) throw GladlyError.badRequest("topicIds", "invalid", "topic [" + idNode.asText() + "] does not exist");
      if (topic.disabled()) throw GladlyError.badRequest("topicIds", "invalid", "topic [" + topic.id() + "] is disabled");
    }
    for (JsonNode idNode : ids) {
      if (conv.topicIds.add(idNode.asText())) added.add(idNode.asText());
    }
    if (added.isEmpty()) return;
    ObjectNode change = Json.object().put("type", "TOPIC_CHANGE");
    ArrayNode a = change.putArray("addedTopicIds");
    added.forEach(a::add);
    change.putArray("removedTopicIds");
    Item item = new Item(nextId("item"), conv.id, conv.customerId, now(), agentId, "AGENT", change);
    conv.items.add(item);
    items.put(item.id(), item);
    for (String topicId : added) {
      ObjectNode ev = conversationContent(conv);
      ev.put("topicId", topicId);
      emit(out, "CONVERSATION/TOPIC_ADDED", agentId, "AGENT", ev);
    }
  }

  public void removeTopic(String conversationId, String topicId, String agentId, List<Event> out) {
    Conversation conv = visibleConversation(conversationId);
    if (conv == null) throw GladlyError.notExist("conversation does not exist");
    if (!topics.containsKey(topicId)) throw GladlyError.notExist("topic does not exist");
    if (!conv.topicIds.remove(topicId)) return;
    ObjectNode change = Json.object().put("type", "TOPIC_CHANGE");
    change.putArray("addedTopicIds");
    change.putArray("removedTopicIds").add(topicId);
    Item item = new Item(nextId("item"), conv.id, conv.customerId, now(), agentId, "AGENT", change);
    conv.items.add(item);
    items.put(item.id(), item);
    ObjectNode ev = conversationContent(conv);
    ev.put("topicId", topicId);
    emit(out, "CONVERSATION/TOPIC_REMOVED", agentId, "AGENT", ev);
  }

  // ---------------------------------------------------------------- events

  public void emit(List<Event> out, String type, String initiatorId, String initiatorType, ObjectNode content) {
    out.add(new Event(key, nextId("event"), type, now(), initiatorId, initiatorType, content));
  }
}
