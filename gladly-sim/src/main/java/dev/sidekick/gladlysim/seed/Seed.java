package dev.sidekick.gladlysim.seed;

import java.util.ArrayList;
import java.util.List;

/** The YAML seed: one or more organizations, the first being the default. See the module README for the format. */
public final class Seed {
  public List<OrgSeed> organizations = new ArrayList<>();

  public static final class OrgSeed {
    public String key;
    public String id;
    public String name;
    public String timezone = "America/Los_Angeles";
    public String loginDomain;
    public String gladlyUrl;
    /** When true, closing a conversation without a topic is refused, as orgs configured so do. */
    public boolean requireTopicsToClose;
    public List<AgentSeed> agents = new ArrayList<>();
    public List<InboxSeed> inboxes = new ArrayList<>();
    public List<TopicSeed> topics = new ArrayList<>();
    public List<CustomerSeed> customers = new ArrayList<>();
    public List<EntryPointSeed> entryPoints = new ArrayList<>();
  }

  public static final class AgentSeed {
    public String id;
    public String name;
    public String email;
    public String token;
    public List<String> roles = new ArrayList<>();
    public List<String> inboxes = new ArrayList<>();
  }

  public static final class InboxSeed {
    public String id;
    public String name;
    public boolean disabled;
  }

  public static final class TopicSeed {
    public String id;
    public String name;
    public boolean disabled;
    public String parent;
  }

  public static final class CustomerSeed {
    public String id;
    public String name;
    public String email;
    public String phone;
  }

  public static final class EntryPointSeed {
    public String id;
    public String name;
    public String type;
    public String address;
    public boolean automation;
    public String defaultInbox;
  }
}
