package dev.sidekick.operator.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a service account may do, as a flat set of "scope | apiGroup | resource | verb | resourceName" lines,
 * computed from a set of manifests (roles and bindings). Two sets of manifests that grant the same lines grant the
 * same permissions, whatever the objects are called and however the rules are grouped.
 */
final class RbacGrants {

  static final String OWN_NAMESPACE = "<own namespace>";

  private RbacGrants() {}

  /**
   * @param ownNamespace the namespace the operator runs in; bindings without a namespace (QOSDK's output) or in
   *     this namespace are scoped to {@link #OWN_NAMESPACE}
   */
  static Set<String> of(List<HasMetadata> manifests, String serviceAccount, String ownNamespace) {
    Map<String, List<PolicyRule>> clusterRoles = new HashMap<>();
    Map<String, List<PolicyRule>> roles = new HashMap<>();
    for (HasMetadata m : manifests) {
      if (m instanceof ClusterRole cr) {
        clusterRoles.put(cr.getMetadata().getName(), cr.getRules());
      } else if (m instanceof Role r) {
        roles.put(scope(r.getMetadata().getNamespace(), ownNamespace) + "/" + r.getMetadata().getName(), r.getRules());
      }
    }
    Set<String> grants = new TreeSet<>();
    for (HasMetadata m : manifests) {
      if (m instanceof ClusterRoleBinding b && bindsTo(b.getSubjects(), serviceAccount)) {
        add(grants, "cluster", b.getRoleRef(), clusterRoles, roles, "cluster");
      } else if (m instanceof RoleBinding b && bindsTo(b.getSubjects(), serviceAccount)) {
        String scope = scope(b.getMetadata().getNamespace(), ownNamespace);
        add(grants, scope, b.getRoleRef(), clusterRoles, roles, scope);
      }
    }
    return grants;
  }

  private static String scope(String namespace, String ownNamespace) {
    return namespace == null || namespace.equals(ownNamespace) ? OWN_NAMESPACE : "namespace " + namespace;
  }

  private static boolean bindsTo(List<Subject> subjects, String serviceAccount) {
    return subjects != null
        && subjects.stream()
            .anyMatch(s -> "ServiceAccount".equals(s.getKind()) && serviceAccount.equals(s.getName()));
  }

  private static void add(
      Set<String> grants,
      String scope,
      RoleRef ref,
      Map<String, List<PolicyRule>> clusterRoles,
      Map<String, List<PolicyRule>> roles,
      String roleScope) {
    List<PolicyRule> rules =
        "ClusterRole".equals(ref.getKind()) ? clusterRoles.get(ref.getName()) : roles.get(roleScope + "/" + ref.getName());
    if (rules == null) {
      // a role the manifests do not define (Kubernetes' built-in "view", say): named, not expanded
      grants.add(scope + " | " + ref.getKind() + " " + ref.getName());
      return;
    }
    for (PolicyRule rule : rules) {
      List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
          ? List.of("*") : rule.getResourceNames();
      for (String group : Objects.requireNonNullElse(rule.getApiGroups(), List.<String>of())) {
        for (String resource : Objects.requireNonNullElse(rule.getResources(), List.<String>of())) {
          for (String verb : rule.getVerbs()) {
            for (String name : names) {
              grants.add(String.join(" | ", scope, group.isEmpty() ? "core" : group, resource, verb, name));
            }
          }
        }
      }
      for (String url : Objects.requireNonNullElse(rule.getNonResourceURLs(), List.<String>of())) {
        for (String verb : rule.getVerbs()) {
          grants.add(String.join(" | ", scope, "nonResourceURL", url, verb));
        }
      }
    }
  }
}
